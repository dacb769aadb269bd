using System.Data.Common;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Secrets;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users.Undo;

/// <summary>What an import kept of one user (see Data.ImportBeforeImage): the values opened (by <see cref="BeforeImages.Open"/>), the hash as stored.</summary>
public sealed record BeforeImage(int UserId, int Row, bool Created, UserValues? Values, string? PasswordHash);

/// <summary>A change of a user after the import, from the audit log (who, from where, when).</summary>
public sealed record LaterChange(string Action, string Actor, string Source, DateTime At);

/// <summary>Reads what an undo needs, inside its transaction, one set-based query each.</summary>
public static class BeforeImages
{
    private static readonly UserField[] Fields = UserColumns.Written;

    public static List<BeforeImage> Load(DbConnection connection, DbTransaction transaction, int importId)
    {
        var result = new List<BeforeImage>();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT \"UserId\", \"Row\", \"Created\", \"Email\", \"PasswordHash\", " +
                          string.Join(", ", Fields.Select(f => $"\"{f.DbColumn}\"")) +
                          $" FROM \"ImportBeforeImages\" WHERE \"ImportJobId\" = {importId} ORDER BY \"Row\", \"UserId\"";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var created = r.GetBoolean(2);
            UserValues? v = null;
            if (!created)
            {
                v = new UserValues { Id = r.GetInt32(0), Email = r.GetString(3) };
                for (var i = 0; i < Fields.Length; i++) Fields[i].Read(r, i + 5, v);
            }
            result.Add(new BeforeImage(r.GetInt32(0), r.GetInt32(1), created, v, created || r.IsDBNull(4) ? null : r.GetString(4)));
        }
        return result;
    }

    /// <summary>
    /// Opens the sealed secrets <see cref="Load"/> left sealed, once the users are locked. A secret
    /// stored now exactly as the image kept it (an import seals again only the secrets it changes) is
    /// the current user's, already opened in <paramref name="current"/>: only the others are opened,
    /// over every core (an undo of an import that changed no secret of 100k users opens none of its 200,000).
    /// </summary>
    public static void Open(DbConnection connection, DbTransaction transaction, int importId, List<BeforeImage> images,
        IReadOnlyDictionary<int, UserValues> current)
    {
        var sealedFields = UserColumns.Sealed;
        var same = new Dictionary<int, int>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = transaction;
            cmd.CommandText = "SELECT b.\"UserId\", " +
                              string.Join(" + ", sealedFields.Select((f, i) => $"CASE WHEN b.\"{f.DbColumn}\" = u.\"{f.DbColumn}\" THEN {1 << i} ELSE 0 END")) +
                              " FROM \"ImportBeforeImages\" b JOIN \"Users\" u ON u.\"Id\" = b.\"UserId\" " +
                              $"WHERE b.\"ImportJobId\" = {importId} AND b.\"Created\" = FALSE";
            using var r = cmd.ExecuteReader();
            while (r.Read()) same[r.GetInt32(0)] = Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        Parallel.ForEach(images.Where(i => i.Values is not null), i =>
        {
            var mask = same.GetValueOrDefault(i.UserId);
            var now = current.GetValueOrDefault(i.UserId);
            for (var k = 0; k < sealedFields.Length; k++)
            {
                var f = sealedFields[k];
                f.SetText!(i.Values!, (mask & (1 << k)) != 0 && now is not null ? f.Text!(now) : SecretBox.Open(f.Text!(i.Values!)!));
            }
        });
    }

    /// <summary>The sign-ins' password hashes now.</summary>
    public static Dictionary<int, string?> PasswordHashes(DbConnection connection, DbTransaction transaction, Dialect dialect, IReadOnlyCollection<int> ids)
    {
        var result = new Dictionary<int, string?>(ids.Count);
        if (ids.Count == 0) return result;
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"SELECT \"Id\", \"PasswordHash\" FROM \"SignIns\" WHERE {dialect.IsOneOf("\"Id\"", "@keys")}";
        SqlUserState.Add(cmd, "@keys", dialect.KeysValue(ids));
        using var r = cmd.ExecuteReader();
        while (r.Read()) result[r.GetInt32(0)] = r.IsDBNull(1) ? null : r.GetString(1);
        return result;
    }

    /// <summary>
    /// The last change of each of these users after the import wrote them that is still in effect: an
    /// update or delete in the audit log after the import's own entry. Every change of a users.csv
    /// value (page, API, self-service, a later import, an undo) writes one; sign-ins, reading secrets,
    /// provisioning fetches and registrations write none, so they do not count (docs/decisions.md).
    /// A later import that was itself undone for this user cancels out with its undo's entry: undoing
    /// imports newest first works.
    /// </summary>
    public static Dictionary<int, LaterChange> LaterChanges(DbConnection connection, DbTransaction transaction, Dialect dialect,
        int importId, IReadOnlyCollection<int> ids)
    {
        var all = new Dictionary<int, List<LaterChange>>();
        if (ids.Count == 0) return [];
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = transaction;
            // The import's own entry ("users.import") is written after its users' entries, in its transaction;
            // a later change of one of its users waited for that transaction (row locks), so its entry comes after.
            cmd.CommandText =
                "SELECT a.\"EntityId\", a.\"Action\", a.\"Actor\", a.\"Source\", a.\"At\" FROM \"AuditEntries\" a " +
                $"WHERE {dialect.IsOneOf("a.\"EntityId\"", "@keys")} AND a.\"EntityType\" = '{UserAudit.EntityType}' " +
                "AND a.\"Action\" IN ('user.update', 'user.delete') " +
                "AND a.\"Id\" > (SELECT MAX(i.\"Id\") FROM \"AuditEntries\" i WHERE i.\"EntityId\" = @import AND i.\"EntityType\" = 'import' AND i.\"Action\" = 'users.import') " +
                "ORDER BY a.\"Id\"";
            SqlUserState.Add(cmd, "@keys", dialect.KeysValue(ids));
            SqlUserState.Add(cmd, "@import", importId);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var id = r.GetInt32(0);
                if (!all.TryGetValue(id, out var list)) all[id] = list = [];
                list.Add(new LaterChange(r.GetString(1), r.GetString(2), r.GetString(3), DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)));
            }
        }
        var result = new Dictionary<int, LaterChange>();
        foreach (var (id, changes) in all)
        {
            var undone = changes.Where(c => c.Source.StartsWith(UndoSource, StringComparison.Ordinal)).Select(c => c.Source[UndoPrefix.Length..]).ToHashSet();
            var left = changes.Where(c => !undone.Contains(c.Source) && !(c.Source.StartsWith(UndoSource, StringComparison.Ordinal) && undone.Contains(c.Source[UndoPrefix.Length..]))).ToList();
            if (left.Count > 0) result[id] = left[^1];
        }
        return result;
    }

    /// <summary>The audit source of an undo's changes: "undo of import N" (an import's own is "import N").</summary>
    public static string SourceOf(int importId) => $"{UndoPrefix}import {importId}";

    private const string UndoPrefix = "undo of ";
    private const string UndoSource = UndoPrefix + "import ";
}
