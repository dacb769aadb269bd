using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Switchboard.Core.Audit;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// PostgreSQL: keys travel as one array parameter; writes are set-based. New rows go in by binary
/// COPY; changed rows are copied into a staging table and applied with one UPDATE per table. As on
/// SQLite, the unique values that updated users give up are parked first, so swaps pass the
/// (immediately checked) unique indexes.
/// </summary>
public sealed class PostgresUserStore : UserStore
{
    public static readonly PostgresUserStore Instance = new();

    private static readonly string[] UserFields = [.. Users.UserColumns.Written.Select(f => f.DbColumn!)];

    private static readonly string UserColumns = string.Join(", ", new[] { "Id", "ClientId" }.Concat(UserFields).Select(Q));

    public override string IsOneOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object KeysValue<T>(IReadOnlyCollection<T> keys) => keys.ToArray();

    public override string LockUsersSql => " FOR UPDATE OF u";

    public override bool LostRace(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    public override void Apply(DbConnection connection, DbTransaction transaction, IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp)
    {
        var c = (NpgsqlConnection)connection;
        var updates = plans.Where(p => p.Outcome == RowOutcome.Updated).ToList();
        var creates = plans.Where(p => p.Outcome == RowOutcome.Created).ToList();
        Park(c, updates);
        Update(c, updates);
        Insert(c, creates, now);
        Audit(c, plans, now, stamp);
    }

    /// <summary>One audit entry per written row by binary COPY, after the inserts gave new users their IDs.</summary>
    private static void Audit(NpgsqlConnection c, IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp)
    {
        if (!plans.Any(p => p.Changes)) return;
        using var w = c.BeginBinaryImport(
            "COPY \"AuditEntries\" (\"At\", \"ActorId\", \"Actor\", \"Source\", \"Address\", \"ClientId\", \"Action\", " +
            "\"EntityType\", \"EntityId\", \"Subject\", \"Changes\") FROM STDIN (FORMAT BINARY)");
        foreach (var p in plans)
        {
            if (!p.Changes) continue;
            var a = p.After!;
            w.StartRow();
            w.Write(now, NpgsqlDbType.TimestampTz);
            Int(w, stamp.ActorId);
            w.Write(stamp.Actor, NpgsqlDbType.Text);
            w.Write(stamp.Source, NpgsqlDbType.Text);
            Text(w, stamp.Address);
            w.Write(a.ClientId, NpgsqlDbType.Integer);
            w.Write(UserAudit.Action(p), NpgsqlDbType.Text);
            w.Write(UserAudit.EntityType, NpgsqlDbType.Text);
            w.Write(a.Id, NpgsqlDbType.Integer);
            w.Write(UserAudit.Subject(a), NpgsqlDbType.Text);
            Text(w, UserAudit.Changes(p));
        }
        w.Complete();
    }

    private static void Park(NpgsqlConnection c, List<RowPlan> updates)
    {
        Execute(c, "UPDATE \"SignIns\" SET \"NormalizedEmail\" = '#' || \"Id\" WHERE \"Id\" = ANY(@ids)",
            updates.Where(p => p.Before!.NormalizedEmail != p.After!.NormalizedEmail));
        Execute(c, "UPDATE \"Users\" SET \"Extension\" = '#' || \"Id\" WHERE \"Id\" = ANY(@ids)",
            updates.Where(p => p.Before!.Extension != p.After!.Extension));
        Execute(c, "UPDATE \"Users\" SET \"MacAddress\" = NULL WHERE \"Id\" = ANY(@ids)",
            updates.Where(p => p.Before!.MacAddress != p.After!.MacAddress && p.Before.MacAddress is not null));
    }

    private static void Execute(NpgsqlConnection c, string sql, IEnumerable<RowPlan> rows)
    {
        var ids = rows.Select(p => p.After!.Id).ToArray();
        if (ids.Length == 0) return;
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("ids", ids);
        cmd.ExecuteNonQuery();
    }

    private static void Update(NpgsqlConnection c, List<RowPlan> updates)
    {
        var changed = updates.Where(p => !p.After!.SameAs(p.Before!)).ToList();
        if (changed.Count > 0)
        {
            // A secret or PIN the row keeps stays as stored (null here): sealing it again would only cost time.
            List<UserValues> users = [.. changed.Select(p => p.After!)];
            var secrets = Secrets.SecretBox.SealAll(users, [.. changed.Select(p => p.Before!)]);
            Run(c, "CREATE TEMP TABLE user_changes ON COMMIT DROP AS SELECT * FROM \"Users\" WITH NO DATA");
            CopyUsers(c, "user_changes", users, secrets);
            Run(c, $"UPDATE \"Users\" u SET {string.Join(", ", UserFields.Select(f => $"{Q(f)} = {Keep(f)}"))} FROM user_changes x WHERE u.\"Id\" = x.\"Id\"");
        }
        var signIns = updates.Where(p => p.After!.Email != p.Before!.Email || p.NewPasswordHash is not null).ToList();
        if (signIns.Count > 0)
        {
            Run(c, "CREATE TEMP TABLE sign_in_changes (\"Id\" integer, \"Email\" text, \"NormalizedEmail\" text, \"PasswordHash\" text) ON COMMIT DROP");
            using (var w = c.BeginBinaryImport("COPY sign_in_changes FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var p in signIns)
                {
                    w.StartRow();
                    w.Write(p.After!.Id, NpgsqlDbType.Integer);
                    w.Write(p.After.Email, NpgsqlDbType.Text);
                    w.Write(p.After.NormalizedEmail, NpgsqlDbType.Text);
                    Text(w, p.NewPasswordHash);
                }
                w.Complete();
            }
            Run(c, "UPDATE \"SignIns\" s SET \"Email\" = x.\"Email\", \"NormalizedEmail\" = x.\"NormalizedEmail\", " +
                   "\"PasswordHash\" = COALESCE(x.\"PasswordHash\", s.\"PasswordHash\") FROM sign_in_changes x WHERE s.\"Id\" = x.\"Id\"");
        }
    }

    /// <summary>
    /// New users take a block of IDs from the sign-ins' own identity sequence up front, so the
    /// sign-in and user rows go in by COPY with no read-back; the secrets are sealed on another
    /// core while PostgreSQL writes the sign-ins.
    /// </summary>
    private static void Insert(NpgsqlConnection c, List<RowPlan> creates, DateTime now)
    {
        if (creates.Count == 0) return;
        using (var next = new NpgsqlCommand("SELECT nextval(s.seq)::integer FROM (SELECT pg_get_serial_sequence('\"SignIns\"', 'Id')::regclass AS seq OFFSET 0) s " +
            "CROSS JOIN generate_series(1, @n)", c))
        {
            next.Parameters.AddWithValue("n", creates.Count);
            using var r = next.ExecuteReader();
            for (var i = 0; r.Read(); i++) creates[i].After!.Id = r.GetInt32(0);
        }
        var users = creates.Select(p => p.After!).ToList();
        var sealing = Task.Run(() => Secrets.SecretBox.SealAll(users));
        using (var w = c.BeginBinaryImport("COPY \"SignIns\" (\"Id\", \"Email\", \"NormalizedEmail\", \"PasswordHash\", \"Role\", \"ClientId\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in creates)
            {
                var a = p.After!;
                w.StartRow();
                w.Write(a.Id, NpgsqlDbType.Integer);
                w.Write(a.Email, NpgsqlDbType.Text);
                w.Write(a.NormalizedEmail, NpgsqlDbType.Text);
                Text(w, p.NewPasswordHash);
                w.Write("user", NpgsqlDbType.Text);
                w.Write(a.ClientId, NpgsqlDbType.Integer);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        CopyUsers(c, "\"Users\"", users, sealing.GetAwaiter().GetResult());
    }

    private static string Keep(string field) =>
        Users.UserColumns.Sealed.Any(f => f.DbColumn == field) ? $"COALESCE(x.{Q(field)}, u.{Q(field)})" : "x." + Q(field);

    private static void CopyUsers(NpgsqlConnection c, string table, List<UserValues> users, string?[] secrets)
    {
        var written = Users.UserColumns.Written;
        using var w = c.BeginBinaryImport($"COPY {table} ({UserColumns}) FROM STDIN (FORMAT BINARY)");
        var s = 0;
        for (var i = 0; i < users.Count; i++)
        {
            var a = users[i];
            w.StartRow();
            w.Write(a.Id, NpgsqlDbType.Integer);
            w.Write(a.ClientId, NpgsqlDbType.Integer);
            foreach (var f in written)
            {
                if (f.Sealed) Text(w, secrets[s++]);
                else if (f.Text is not null) Text(w, f.Text(a));
                else if (f.Number is not null) Int(w, f.Number(a));
                else w.Write(f.Switch!(a), NpgsqlDbType.Boolean);
            }
        }
        w.Complete();
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull();
        else w.Write(value, NpgsqlDbType.Text);
    }

    private static void Int(NpgsqlBinaryImporter w, int? value)
    {
        if (value is null) w.WriteNull();
        else w.Write(value.Value, NpgsqlDbType.Integer);
    }

    private static void Run(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static string Q(string name) => $"\"{name}\"";
}
