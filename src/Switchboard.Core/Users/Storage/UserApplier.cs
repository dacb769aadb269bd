using System.Data.Common;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Secrets;
using Switchboard.Core.Sip;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Writes a plan inside the caller's transaction, the same way on every database (the dialect only
/// supplies the bulk write and the ID reservation). Order makes swaps possible under the unique
/// indexes: first the unique values that updated users give up are parked on values nobody can
/// hold, then updates, then inserts, then one audit entry per written row. Deletes (an undo's) come
/// first, so the values they free can be taken. An import keeps what it changes for its undo
/// (<see cref="ImportBeforeImage"/>): the updated users' rows are copied as stored before they change.
/// </summary>
/// <remarks>
/// Every written user's SIP HA1s (<see cref="SipCredentials"/>) go in with the same statements, computed
/// here while the secret is in plain text, for <paramref name="sipDomain"/> (the client's, read in this transaction).
/// </remarks>
public sealed class UserApplier(Dialect dialect, DbConnection connection, DbTransaction transaction, string sipDomain)
{
    private static readonly BulkColumn[] UserFields =
        [.. UserColumns.Written.Select(f => new BulkColumn(f.DbColumn!, TypeOf(f), KeepIfNull: f.Sealed))];

    /// <summary>An update leaves a sealed field as stored where the row keeps it (null): sealing it again would only cost time.</summary>
    private static readonly BulkColumn[] UserUpdate = [new("Id", ColumnType.Int), .. UserFields, .. SipCredentials.Columns];

    private static readonly BulkColumn[] UserInsert = [new("Id", ColumnType.Int), new("ClientId", ColumnType.Int), .. UserFields, .. SipCredentials.Columns];

    /// <summary>
    /// A new password hash always comes with a new security stamp, in the same statement: this is the one
    /// place a PBX user's web password is written (API, pages, self-service, imports), so every writer ends
    /// the user's sessions and tokens with it (see Accounts/Sessions).
    /// </summary>
    private static readonly BulkColumn[] SignInUpdate =
    [
        new("Id", ColumnType.Int), new("Email", ColumnType.Text), new("NormalizedEmail", ColumnType.Text), new("PasswordHash", ColumnType.Text, KeepIfNull: true),
        new("SecurityStamp", ColumnType.Text, KeepIfNull: true),
    ];

    private static readonly BulkColumn[] SignInInsert =
    [
        new("Id", ColumnType.Int), new("Email", ColumnType.Text), new("NormalizedEmail", ColumnType.Text), new("PasswordHash", ColumnType.Text),
        new("Role", ColumnType.Text), new("ClientId", ColumnType.Int), new("CreatedAt", ColumnType.Time),
    ];

    private static readonly BulkColumn[] AuditEntry =
    [
        new("At", ColumnType.Time), new("ActorId", ColumnType.Int), new("Actor", ColumnType.Text), new("Source", ColumnType.Text),
        new("Address", ColumnType.Text), new("ClientId", ColumnType.Int), new("Action", ColumnType.Text), new("EntityType", ColumnType.Text),
        new("EntityId", ColumnType.Int), new("Subject", ColumnType.Text), new("Changes", ColumnType.Text),
    ];

    private static readonly BulkColumn[] CreatedImage =
        [new("ImportJobId", ColumnType.Int), new("UserId", ColumnType.Int), new("Row", ColumnType.Int), new("Created", ColumnType.Bool)];

    /// <param name="beforeImagesOf">The import whose changes are kept for its undo (null: none kept).</param>
    public void Apply(IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp, int? beforeImagesOf = null)
    {
        var updates = plans.Where(p => p.Outcome == RowOutcome.Updated).ToList();
        var creates = plans.Where(p => p.Outcome == RowOutcome.Created).ToList();
        if (BenchmarkSwitches.WithoutBeforeImages) beforeImagesOf = null;
        if (beforeImagesOf is { } job) KeepBeforeImages(job, updates);
        Delete(plans.Where(p => p.Outcome == RowOutcome.Deleted).ToList());
        Park(updates);
        Update(updates);
        Insert(creates, now);
        if (beforeImagesOf is { } created)
            dialect.Insert(connection, transaction, "ImportBeforeImages", CreatedImage, creates.Count, (i, w) =>
            {
                w.Int(created);
                w.Int(creates[i].After!.Id);
                w.Int(creates[i].Line);
                w.Bool(true);
            });
        Audit(plans, now, stamp);
    }

    /// <summary>The updated users' rows as stored (secrets sealed, the sign-in's hash), copied inside the database.</summary>
    private void KeepBeforeImages(int job, List<RowPlan> updates)
    {
        if (updates.Count == 0) return;
        var fields = UserColumns.Written.Select(f => $"\"{f.DbColumn}\"").ToList();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText =
            $"INSERT INTO \"ImportBeforeImages\" (\"ImportJobId\", \"UserId\", \"Row\", \"Created\", \"Email\", \"PasswordHash\", {string.Join(", ", fields)}) " +
            $"SELECT {job}, u.\"Id\", r.n & 4294967295, FALSE, s.\"Email\", s.\"PasswordHash\", {string.Join(", ", fields.Select(f => "u." + f))} " +
            $"FROM {dialect.EachSql("@rows")} r JOIN \"Users\" u ON u.\"Id\" = (r.n >> 32) JOIN \"SignIns\" s ON s.\"Id\" = u.\"Id\"";
        SqlUserState.Add(cmd, "@rows", dialect.KeysValue(updates.Select(p => Dialect.Pair(p.Before!.Id, p.Line)).ToList()));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Deleting the sign-in deletes the user (a cascade on SQLite, a trigger on PostgreSQL) and its tokens.</summary>
    private void Delete(List<RowPlan> deletes) =>
        dialect.ForKeys(connection, transaction, "DELETE FROM \"SignIns\"", "\"Id\"", [.. deletes.Select(p => p.Before!.Id)]);

    private void Park(List<RowPlan> updates)
    {
        Park("UPDATE \"SignIns\" SET \"NormalizedEmail\" = '#' || \"Id\"", updates.Where(p => p.Before!.NormalizedEmail != p.After!.NormalizedEmail));
        Park("UPDATE \"Users\" SET \"Extension\" = '#' || \"Id\"", updates.Where(p => p.Before!.Extension != p.After!.Extension));
        Park("UPDATE \"Users\" SET \"MacAddress\" = NULL", updates.Where(p => p.Before!.MacAddress != p.After!.MacAddress && p.Before.MacAddress is not null));
    }

    private void Park(string sql, IEnumerable<RowPlan> rows) =>
        dialect.ForKeys(connection, transaction, sql, "\"Id\"", [.. rows.Select(p => p.After!.Id)]);

    private void Update(List<RowPlan> updates)
    {
        var changed = updates.Where(p => !p.After!.SameAs(p.Before!)).ToList();
        if (changed.Count > 0)
        {
            List<UserValues> users = [.. changed.Select(p => p.After!)];
            List<UserValues> before = [.. changed.Select(p => p.Before!)];
            var secrets = SecretBox.SealAll(users, before);
            var ha1s = BenchmarkSwitches.WithoutHa1 ? new string?[2 * users.Count] : SipCredentials.ForAll(users, sipDomain, before);
            dialect.Update(connection, transaction, "Users", UserUpdate, users.Count, (i, w) =>
            {
                w.Int(users[i].Id);
                WriteFields(w, users[i], secrets, i);
                w.Text(ha1s[2 * i]);
                w.Text(ha1s[2 * i + 1]);
            });
        }
        // An undo gives back "no web password" to users an import gave one.
        Park("UPDATE \"SignIns\" SET \"PasswordHash\" = NULL", updates.Where(p => p.ClearsPassword));
        var signIns = updates.Where(p => p.After!.Email != p.Before!.Email || p.NewPasswordHash is not null || p.ClearsPassword).ToList();
        dialect.Update(connection, transaction, "SignIns", SignInUpdate, signIns.Count, (i, w) =>
        {
            var a = signIns[i].After!;
            w.Int(a.Id);
            w.Text(a.Email);
            w.Text(a.NormalizedEmail);
            w.Text(signIns[i].NewPasswordHash);
            w.Text(signIns[i].NewPasswordHash is null && !signIns[i].ClearsPassword ? null : Sessions.NewStamp());
        });
    }

    /// <summary>New users get their IDs up front; their secrets are sealed and their HA1s computed on another core while the sign-ins are written.</summary>
    private void Insert(List<RowPlan> creates, DateTime now)
    {
        if (creates.Count == 0) return;
        var ids = dialect.ReserveIds(connection, transaction, "SignIns", creates.Count);
        for (var i = 0; i < creates.Count; i++) creates[i].After!.Id = ids[i];
        List<UserValues> users = [.. creates.Select(p => p.After!)];
        var sealing = Task.Run(() => (Secrets: SecretBox.SealAll(users),
            Ha1s: BenchmarkSwitches.WithoutHa1 ? new string?[2 * users.Count] : SipCredentials.ForAll(users, sipDomain, oneCore: true)));
        dialect.Insert(connection, transaction, "SignIns", SignInInsert, creates.Count, (i, w) =>
        {
            var a = users[i];
            w.Int(a.Id);
            w.Text(a.Email);
            w.Text(a.NormalizedEmail);
            w.Text(creates[i].NewPasswordHash);
            w.Text("user");
            w.Int(a.ClientId);
            w.Time(now);
        });
        var (secrets, ha1s) = sealing.GetAwaiter().GetResult();
        dialect.Insert(connection, transaction, "Users", UserInsert, users.Count, (i, w) =>
        {
            w.Int(users[i].Id);
            w.Int(users[i].ClientId);
            WriteFields(w, users[i], secrets, i);
            w.Text(ha1s[2 * i]);
            w.Text(ha1s[2 * i + 1]);
        });
    }

    /// <summary>One audit entry per written row, in file order, after the inserts gave new users their IDs.</summary>
    private void Audit(IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp)
    {
        var written = plans.Where(p => p.Changes).ToList();
        dialect.Insert(connection, transaction, "AuditEntries", AuditEntry, written.Count, (i, w) =>
        {
            var p = written[i];
            var a = p.After ?? p.Before!;
            w.Time(now);
            w.Int(stamp.ActorId);
            w.Text(stamp.Actor);
            w.Text(stamp.Source);
            w.Text(stamp.Address);
            w.Int(a.ClientId);
            w.Text(UserAudit.Action(p));
            w.Text(UserAudit.EntityType);
            w.Int(a.Id);
            w.Text(UserAudit.Subject(a));
            w.Text(UserAudit.Changes(p));
        });
    }

    /// <summary>The <see cref="UserColumns.Written"/> fields; a sealed one from <paramref name="secrets"/> (see SecretBox.SealAll).</summary>
    private static void WriteFields(IRowWriter w, UserValues a, string?[] secrets, int row)
    {
        var s = row * UserColumns.Sealed.Length;
        foreach (var f in UserColumns.Written)
        {
            if (f.Sealed) w.Text(secrets[s++]);
            else if (f.Text is not null) w.Text(f.Text(a));
            else if (f.Number is not null) w.Int(f.Number(a));
            else w.Bool(f.Switch!(a));
        }
    }

    private static ColumnType TypeOf(UserField f) =>
        f.Text is not null ? ColumnType.Text : f.Number is not null ? ColumnType.Int : ColumnType.Bool;
}
