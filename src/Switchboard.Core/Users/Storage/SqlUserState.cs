using System.Data.Common;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Secrets;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Loads what a plan is judged against with one set-based query per kind of key (the keys travel
/// as one parameter, see <see cref="Dialect.IsOneOf"/>), inside the caller's transaction.
/// Identifiers are quoted: both SQLite and PostgreSQL read the same SQL.
/// </summary>
public sealed class SqlUserState(DbConnection connection, DbTransaction? transaction, Dialect store, bool lockUsers = false) : IPlanState
{
    /// <summary>Every stored field after the ID, in users.csv order.</summary>
    private static readonly UserField[] ReadFields = [.. UserColumns.Fields.Where(f => f.Stored && f.Rule != UserRule.Key)];

    /// <summary>The ID, the client, then <see cref="ReadFields"/> (the email is the sign-in's).</summary>
    public static readonly string UserColumnsSql = string.Join(", ",
        ["u.\"Id\"", "u.\"ClientId\"", .. ReadFields.Select(f => f.DbColumn is { } c ? $"u.\"{c}\"" : "s.\"Email\"")]);

    /// <summary>Users joined with their sign-in rows (which hold the email).</summary>
    public const string UsersFromSql = "\"Users\" u JOIN \"SignIns\" s ON s.\"Id\" = u.\"Id\"";

    /// <summary>A user row of <see cref="UserColumnsSql"/>, its sealed fields opened.</summary>
    public static UserValues ReadUser(DbDataReader r)
    {
        var u = ReadSealed(r);
        Open(u);
        return u;
    }

    /// <summary>A user row of <see cref="UserColumnsSql"/>; the sealed fields stay sealed (see <see cref="UsersById"/>).</summary>
    private static UserValues ReadSealed(DbDataReader r)
    {
        var u = new UserValues { Id = r.GetInt32(0), ClientId = r.GetInt32(1) };
        for (var i = 0; i < ReadFields.Length; i++) ReadFields[i].Read(r, i + 2, u);
        return u;
    }

    public IReadOnlyDictionary<int, UserValues> UsersById(int clientId, IReadOnlyCollection<int> ids)
    {
        var result = new Dictionary<int, UserValues>(ids.Count);
        if (ids.Count == 0) return result;
        using var cmd = Command(
            $"SELECT {UserColumnsSql} FROM {UsersFromSql} WHERE u.\"ClientId\" = @client AND {store.IsOneOf("u.\"Id\"", "@keys")}" +
            (lockUsers ? store.LockRowsSql("u") : ""), clientId, ids);
        var opening = new List<Task>();
        var chunk = new List<UserValues>(OpenChunk);
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var u = ReadSealed(r);
                result[u.Id] = u;
                chunk.Add(u);
                if (chunk.Count < OpenChunk) continue;
                var full = chunk;
                opening.Add(Task.Run(() => Open(full)));
                chunk = new List<UserValues>(OpenChunk);
            }
        }
        Open(chunk);
        Task.WaitAll(opening);
        return result;
    }

    /// <summary>
    /// Sealed secrets are opened in chunks on other cores while the reader goes on (a 100k-row file
    /// updates 100k users: 200,000 secrets to open, which took as long as reading the rows).
    /// </summary>
    private const int OpenChunk = 2048;

    private static void Open(List<UserValues> users)
    {
        foreach (var u in users) Open(u);
    }

    private static void Open(UserValues u)
    {
        foreach (var f in UserColumns.Sealed) f.SetText!(u, SecretBox.Open(f.Text!(u)!));
    }

    public IReadOnlyDictionary<string, Holder> EmailHolders(int clientId, IReadOnlyCollection<string> normalizedEmails) =>
        Holders("SELECT s.\"NormalizedEmail\", s.\"Id\", CASE WHEN u.\"ClientId\" = @client THEN 1 ELSE 0 END FROM \"SignIns\" s " +
                $"LEFT JOIN \"Users\" u ON u.\"Id\" = s.\"Id\" WHERE {store.IsOneOf("s.\"NormalizedEmail\"", "@keys")}",
            clientId, normalizedEmails);

    public IReadOnlyDictionary<string, Holder> ExtensionHolders(int clientId, IReadOnlyCollection<string> extensions) =>
        Holders($"SELECT \"Extension\", \"Id\", 1 FROM \"Users\" WHERE \"ClientId\" = @client AND {store.IsOneOf("\"Extension\"", "@keys")}",
            clientId, extensions);

    public IReadOnlyDictionary<string, Holder> MacHolders(int clientId, IReadOnlyCollection<string> macs) =>
        Holders("SELECT \"MacAddress\", \"Id\", CASE WHEN \"ClientId\" = @client THEN 1 ELSE 0 END FROM \"Users\" " +
                $"WHERE {store.IsOneOf("\"MacAddress\"", "@keys")}", clientId, macs);

    private Dictionary<string, Holder> Holders<T>(string sql, int clientId, IReadOnlyCollection<T> keys)
    {
        var result = new Dictionary<string, Holder>(StringComparer.Ordinal);
        if (keys.Count == 0) return result;
        using var cmd = Command(sql, clientId, keys);
        using var r = cmd.ExecuteReader();
        while (r.Read()) result[r.GetString(0)] = new Holder(r.GetInt32(1), r.GetInt32(2) == 1);
        return result;
    }

    private DbCommand Command<T>(string sql, int clientId, IReadOnlyCollection<T> keys)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        Add(cmd, "@client", clientId);
        Add(cmd, "@keys", store.KeysValue(keys));
        return cmd;
    }

    internal static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
