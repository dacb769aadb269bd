using System.Data.Common;
using Switchboard.Core.Secrets;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Loads what a plan is judged against with one set-based query per kind of key (the keys travel
/// as one parameter, see <see cref="UserStore.IsOneOf"/>), inside the caller's transaction.
/// Identifiers are quoted: both SQLite and PostgreSQL read the same SQL.
/// </summary>
public sealed class SqlUserState(DbConnection connection, DbTransaction? transaction, UserStore store, bool lockUsers = false) : IPlanState
{
    public const string UserColumnsSql =
        "u.\"Id\", u.\"ClientId\", u.\"FirstName\", u.\"LastName\", s.\"Email\", u.\"PhoneSecret\", u.\"VoicemailPin\", " +
        "u.\"Extension\", u.\"Department\", u.\"Language\", u.\"PhoneModelId\", u.\"ProvisioningTemplateId\", u.\"MacAddress\", " +
        "u.\"UserProfileId\", u.\"ForwardNumber\", u.\"FollowmeNumber\", u.\"DndOn\", u.\"CallWaitingOn\", u.\"IpAddress\"";

    /// <summary>Users joined with their sign-in rows (which hold the email).</summary>
    public const string UsersFromSql = "\"Users\" u JOIN \"SignIns\" s ON s.\"Id\" = u.\"Id\"";

    public static UserValues ReadUser(DbDataReader r) => ReadUser(r, open: true);

    /// <summary>A user row; with <paramref name="open"/> false the secrets stay sealed (see <see cref="UsersById"/>).</summary>
    private static UserValues ReadUser(DbDataReader r, bool open) => new()
    {
        Id = r.GetInt32(0),
        ClientId = r.GetInt32(1),
        FirstName = r.GetString(2),
        LastName = r.GetString(3),
        Email = r.GetString(4),
        PhoneSecret = open ? SecretBox.Open(r.GetString(5)) : r.GetString(5),
        VoicemailPin = open ? SecretBox.Open(r.GetString(6)) : r.GetString(6),
        Extension = r.GetString(7),
        Department = r.IsDBNull(8) ? null : r.GetString(8),
        Language = r.IsDBNull(9) ? null : r.GetString(9),
        PhoneModelId = r.IsDBNull(10) ? null : r.GetInt32(10),
        ProvisioningTemplateId = r.IsDBNull(11) ? null : r.GetInt32(11),
        MacAddress = r.IsDBNull(12) ? null : r.GetString(12),
        UserProfileId = r.IsDBNull(13) ? null : r.GetInt32(13),
        ForwardNumber = r.IsDBNull(14) ? null : r.GetString(14),
        FollowmeNumber = r.IsDBNull(15) ? null : r.GetString(15),
        DndOn = r.GetBoolean(16),
        CallWaitingOn = r.GetBoolean(17),
        IpAddress = r.IsDBNull(18) ? null : r.GetString(18),
    };

    public IReadOnlyDictionary<int, UserValues> UsersById(int clientId, IReadOnlyCollection<int> ids)
    {
        var result = new Dictionary<int, UserValues>(ids.Count);
        if (ids.Count == 0) return result;
        using var cmd = Command(
            $"SELECT {UserColumnsSql} FROM {UsersFromSql} WHERE u.\"ClientId\" = @client AND {store.IsOneOf("u.\"Id\"", "@keys")}" +
            (lockUsers ? store.LockUsersSql : ""), clientId, ids);
        var opening = new List<Task>();
        var chunk = new List<UserValues>(OpenChunk);
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var u = ReadUser(r, open: false);
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
        foreach (var u in users) (u.PhoneSecret, u.VoicemailPin) = (SecretBox.Open(u.PhoneSecret), SecretBox.Open(u.VoicemailPin));
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
