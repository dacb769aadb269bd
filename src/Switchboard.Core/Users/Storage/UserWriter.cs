using System.Data.Common;
using Switchboard.Core.Audit;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Applies a plan with prepared commands inside the caller's transaction, no change tracking.
/// Order makes swaps possible under the unique indexes: first the unique values that updated
/// users give up are parked on values nobody can hold, then updates, then inserts.
/// </summary>
public sealed class UserWriter(DbConnection connection, DbTransaction transaction)
{
    private static readonly string[] UserFields = [.. UserColumns.Written.Select(f => f.DbColumn!)];

    public void Apply(IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp)
    {
        var updates = plans.Where(p => p.Outcome == RowOutcome.Updated).ToList();
        var creates = plans.Where(p => p.Outcome == RowOutcome.Created).ToList();
        Park(updates);
        Update(updates);
        Insert(creates, now);
        Audit(plans, now, stamp);
    }

    /// <summary>
    /// One audit entry per written row, in file order, after the inserts gave new users their IDs
    /// (a prepared INSERT per row: json_each re-parses each row for every column it extracts, which
    /// measured slower for rows this wide).
    /// </summary>
    private void Audit(IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp)
    {
        using var entry = Prepare(
            "INSERT INTO AuditEntries (At, ActorId, Actor, Source, Address, ClientId, Action, EntityType, EntityId, Subject, Changes) " +
            "VALUES (@At, @ActorId, @Actor, @Source, @Address, @ClientId, @Action, @EntityType, @EntityId, @Subject, @Changes)",
            "@At", "@ActorId", "@Actor", "@Source", "@Address", "@EntityType", "@ClientId", "@Action", "@EntityId", "@Subject", "@Changes");
        var ps = entry.Parameters;
        ps["@At"].Value = now;
        ps["@ActorId"].Value = (object?)stamp.ActorId ?? DBNull.Value;
        ps["@Actor"].Value = stamp.Actor;
        ps["@Source"].Value = stamp.Source;
        ps["@Address"].Value = (object?)stamp.Address ?? DBNull.Value;
        ps["@EntityType"].Value = UserAudit.EntityType;
        var (clientId, action, entityId, subject, changes) = (ps[6], ps[7], ps[8], ps[9], ps[10]);
        foreach (var p in plans)
        {
            if (!p.Changes) continue;
            var a = p.After!;
            clientId.Value = a.ClientId;
            action.Value = UserAudit.Action(p);
            entityId.Value = a.Id;
            subject.Value = UserAudit.Subject(a);
            changes.Value = (object?)UserAudit.Changes(p) ?? DBNull.Value;
            entry.ExecuteNonQuery();
        }
    }

    private void Park(List<RowPlan> updates)
    {
        using var email = Prepare("UPDATE SignIns SET NormalizedEmail = '#' || Id WHERE Id = @id", "@id");
        using var ext = Prepare("UPDATE Users SET Extension = '#' || Id WHERE Id = @id", "@id");
        using var mac = Prepare("UPDATE Users SET MacAddress = NULL WHERE Id = @id", "@id");
        foreach (var p in updates)
        {
            var (b, a) = (p.Before!, p.After!);
            if (b.NormalizedEmail != a.NormalizedEmail) Run(email, a.Id);
            if (b.Extension != a.Extension) Run(ext, a.Id);
            if (b.MacAddress != a.MacAddress && b.MacAddress is not null) Run(mac, a.Id);
        }
    }

    private void Update(List<RowPlan> updates)
    {
        using var user = Prepare(
            $"UPDATE Users SET {string.Join(", ", UserFields.Select(f => $"{f} = {Keep(f)}"))} WHERE Id = @Id",
            [.. UserFields, "Id"]);
        using var signIn = Prepare(
            "UPDATE SignIns SET Email = @Email, NormalizedEmail = @NormalizedEmail, PasswordHash = COALESCE(@PasswordHash, PasswordHash) WHERE Id = @Id",
            "@Email", "@NormalizedEmail", "@PasswordHash", "@Id");
        var changed = updates.Where(p => !p.After!.SameAs(p.Before!)).ToList();
        var secrets = Secrets.SecretBox.SealAll([.. changed.Select(p => p.After!)], [.. changed.Select(p => p.Before!)]);
        var next = 0;
        foreach (var p in updates)
        {
            var a = p.After!;
            if (!a.SameAs(p.Before!))
            {
                SetUser(user, 0, a, secrets, next++);
                user.Parameters[UserFields.Length].Value = a.Id;
                user.ExecuteNonQuery();
            }
            if (a.Email != p.Before!.Email || p.NewPasswordHash is not null)
                Run(signIn, a.Email, a.NormalizedEmail, p.NewPasswordHash, a.Id);
        }
    }

    /// <summary>
    /// New users, one prepared INSERT per table and row (measured: multi-row INSERTs are slower with
    /// this driver, which looks every parameter up by name). IDs are assigned here, above every ID
    /// the table has ever used: the write transaction holds SQLite's single write lock, so no one
    /// else can take them meanwhile, and no RETURNING round trip is needed per row.
    /// </summary>
    private void Insert(List<RowPlan> creates, DateTime now)
    {
        if (creates.Count == 0) return;
        using var signIn = Prepare(
            "INSERT INTO SignIns (Id, Email, NormalizedEmail, PasswordHash, Role, ClientId, CreatedAt) " +
            "VALUES (@Id, @Email, @NormalizedEmail, @PasswordHash, 'user', @ClientId, @CreatedAt)",
            "@Id", "@Email", "@NormalizedEmail", "@PasswordHash", "@ClientId", "@CreatedAt");
        using var user = Prepare(
            $"INSERT INTO Users (Id, ClientId, {string.Join(", ", UserFields)}) VALUES (@Id, @ClientId, {string.Join(", ", UserFields.Select(f => "@" + f))})",
            ["Id", "ClientId", .. UserFields]);
        var next = NextSignInId();
        var secrets = Secrets.SecretBox.SealAll(creates.Select(p => p.After!).ToList());
        for (var i = 0; i < creates.Count; i++)
        {
            var p = creates[i];
            var a = p.After!;
            a.Id = next++;
            Run(signIn, a.Id, a.Email, a.NormalizedEmail, p.NewPasswordHash, a.ClientId, now);
            SetUser(user, 2, a, secrets, i);
            user.Parameters[0].Value = a.Id;
            user.Parameters[1].Value = a.ClientId;
            user.ExecuteNonQuery();
        }
    }

    private int NextSignInId()
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT MAX(x) FROM (SELECT seq AS x FROM sqlite_sequence WHERE name = 'SignIns' UNION ALL SELECT MAX(Id) FROM SignIns)";
        var max = cmd.ExecuteScalar();
        return (max is null or DBNull ? 0 : Convert.ToInt32(max, System.Globalization.CultureInfo.InvariantCulture)) + 1;
    }

    /// <summary>
    /// An update leaves a stored secret or PIN as it is when the row keeps it (its parameter is null):
    /// sealing it again would only cost time.
    /// </summary>
    private static string Keep(string field) =>
        UserColumns.Sealed.Any(f => f.DbColumn == field) ? $"COALESCE(@{field}, {field})" : "@" + field;

    /// <param name="first">Index of the first of the <see cref="UserFields"/> parameters, which follow in that order
    /// (by index: the driver finds a parameter by name with a linear search, 15 times per row).</param>
    /// <param name="sealedSecrets">The sealed fields, sealed (see Secrets/SecretBox), user <paramref name="row"/>'s from
    /// row * fields; null keeps the stored one (updates).</param>
    private static void SetUser(DbCommand cmd, int first, UserValues a, string?[] sealedSecrets, int row)
    {
        var ps = cmd.Parameters;
        var written = UserColumns.Written;
        var s = row * UserColumns.Sealed.Length;
        for (var i = 0; i < written.Length; i++)
        {
            var f = written[i];
            ps[first + i].Value = f.Sealed ? (object?)sealedSecrets[s++] ?? DBNull.Value
                : f.Text is not null ? (object?)f.Text(a) ?? DBNull.Value
                : f.Number is not null ? (object?)f.Number(a) ?? DBNull.Value
                : f.Switch!(a);
        }
    }

    private DbCommand Prepare(string sql, params string[] names)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var n in names) SqlUserState.Add(cmd, n.StartsWith('@') ? n : "@" + n, DBNull.Value);
        cmd.Prepare();
        return cmd;
    }

    private static void Run(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
