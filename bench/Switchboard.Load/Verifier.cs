using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Switchboard.Load;

/// <summary>
/// Reads the database the server wrote, directly (not through the API), and checks it against the
/// workload's ledger: every acknowledged write present unless a later one superseded it, every
/// acknowledged create present exactly once, nothing created that nobody asked for, no duplicate
/// email or extension, every import finished.
/// </summary>
public sealed class Verifier(World world, ServerProcess server)
{
    public sealed record DbUser(int Id, int ClientId, string FirstName, string LastName, string Email, string NormalizedEmail,
        string Extension, string? Department, string? Forward);

    public List<string> Problems { get; } = [];
    public List<string> Notes { get; } = [];
    public int LostWrites { get; private set; }
    public int DuplicatedWrites { get; private set; }
    public int UnknownOutcomesResolved { get; private set; }
    public int CheckedFields { get; private set; }

    private DbConnection Open(bool write = false)
    {
        DbConnection c = server.Provider == "postgres"
            ? new NpgsqlConnection(server.ConnectionString)
            : new SqliteConnection(server.ConnectionString + (write ? "" : ";Mode=ReadOnly"));
        c.Open();
        return c;
    }

    private static List<T> Query<T>(DbConnection c, string sql, Func<DbDataReader, T> read)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }

    /// <summary>Imports still queued or running on the server (the workload may have stopped waiting for them).</summary>
    public int UnfinishedImports()
    {
        using var c = Open();
        return Query(c, "SELECT COUNT(*) FROM \"ImportJobs\" WHERE \"Status\" IN ('queued', 'running')", r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))[0];
    }

    /// <summary>
    /// Checks the checker (--tamper): behind the server's back, undoes one acknowledged Forward Number,
    /// one acknowledged Department and one acknowledged create. The check must then find exactly these.
    /// </summary>
    public IReadOnlyList<string> Tamper()
    {
        var done = new List<string>();
        using var c = Open(write: true);
        void Exec(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        var users = world.Clients.SelectMany(x => x.Users).ToList();
        if (users.FirstOrDefault(u => u.ForwardUnknown.Count == 0 && u.Forward.StartsWith("+4", StringComparison.Ordinal)) is { } f)
        {
            Exec($"UPDATE \"Users\" SET \"ForwardNumber\" = '+15550000000' WHERE \"Id\" = {f.Id}");
            done.Add($"user {f.Id} Forward Number set back to +15550000000 (acknowledged {f.Forward})");
        }
        if (users.FirstOrDefault(u => u.DepartmentUnknown.Count == 0 && u.Department != "Seed") is { } d)
        {
            Exec($"UPDATE \"Users\" SET \"Department\" = 'Seed' WHERE \"Id\" = {d.Id}");
            done.Add($"user {d.Id} Department set back to Seed (acknowledged {d.Department})");
        }
        if (world.Created.FirstOrDefault(m => m.Certain) is { } m)
        {
            var email = m.Email.Replace("'", "''", StringComparison.Ordinal);
            Exec($"DELETE FROM \"Users\" WHERE \"Id\" IN (SELECT \"Id\" FROM \"SignIns\" WHERE \"Email\" = '{email}')");
            Exec($"DELETE FROM \"SignIns\" WHERE \"Email\" = '{email}'");
            done.Add($"created user {m.Email} ({m.Source}) deleted");
        }
        return done;
    }

    public void Run()
    {
        using var c = Open();
        var users = Query(c,
            "SELECT u.\"Id\", u.\"ClientId\", u.\"FirstName\", u.\"LastName\", s.\"Email\", s.\"NormalizedEmail\", u.\"Extension\", u.\"Department\", u.\"ForwardNumber\" " +
            "FROM \"Users\" u JOIN \"SignIns\" s ON s.\"Id\" = u.\"Id\"",
            r => new DbUser(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
        var orphans = Query(c, "SELECT COUNT(*) FROM \"Users\" u LEFT JOIN \"SignIns\" s ON s.\"Id\" = u.\"Id\" WHERE s.\"Id\" IS NULL",
            r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))[0];
        var signInEmails = Query(c, "SELECT \"NormalizedEmail\" FROM \"SignIns\"", r => r.GetString(0));
        var jobs = Query(c, "SELECT \"Id\", \"ClientId\", \"Status\", \"Created\", \"Updated\", \"Unchanged\", \"Failed\" FROM \"ImportJobs\"",
            r => (Id: r.GetInt32(0), ClientId: r.GetInt32(1), Status: r.GetString(2), Created: r.GetInt32(3), Updated: r.GetInt32(4), Unchanged: r.GetInt32(5), Failed: r.GetInt32(6)));
        Notes.Add($"read back {users.Count:N0} users, {signInEmails.Count:N0} sign-ins, {jobs.Count:N0} import jobs");

        if (orphans > 0) Problem($"{orphans} user rows have no sign-in row");
        // Duplicates: the unique indexes should make these impossible; checked anyway.
        foreach (var d in signInEmails.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            DuplicatedWrites++;
            Problem($"email {d.Key} is held by {d.Count()} sign-ins");
        }
        foreach (var d in users.GroupBy(u => (u.ClientId, u.Extension)).Where(g => g.Count() > 1))
        {
            DuplicatedWrites++;
            Problem($"extension {d.Key.Extension} is held by {d.Count()} users of client {d.Key.ClientId}: {string.Join(", ", d.Select(u => u.Id))}");
        }

        var byEmail = users.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var byId = users.ToDictionary(u => u.Id);
        var accounted = new HashSet<int>();
        var clientIds = world.Clients.ToDictionary(x => x.Index, x => x.Id);

        // Seeded users: identity fields never written; Forward Number and Department as the ledger says.
        foreach (var client in world.Clients)
            foreach (var u in client.Users)
            {
                if (!byId.TryGetValue(u.Id, out var d)) { LostWrites++; Problem($"seeded user {u.Id} ({u.Email}) is gone"); continue; }
                accounted.Add(d.Id);
                if (d.ClientId != client.Id || d.Email != u.Email || d.Extension != u.Extension || d.FirstName != u.FirstName || d.LastName != u.LastName)
                    Problem($"seeded user {u.Id} changed identity: now client {d.ClientId}, {d.Email}, ext {d.Extension}, {d.FirstName} {d.LastName}");
                CheckField(u, "Forward Number", d.Forward, u.Forward, u.ForwardUnknown);
                CheckField(u, "Department", d.Department, u.Department, u.DepartmentUnknown);
            }

        // Created users: each acknowledged one exactly once, in its client, with its extension.
        var unknownCreates = 0;
        var unknownCreatesPresent = 0;
        var expectedPerClient = world.Clients.ToDictionary(x => x.Id, _ => (Min: world.SeedUsers, Max: world.SeedUsers));
        foreach (var m in world.Created)
        {
            var cid = clientIds[m.ClientIndex];
            var rows = byEmail.GetValueOrDefault(m.Email) ?? [];
            foreach (var row in rows) accounted.Add(row.Id);
            var e = expectedPerClient[cid];
            if (m.Certain)
            {
                expectedPerClient[cid] = (e.Min + 1, e.Max + 1);
                if (rows.Count == 0) { LostWrites++; Problem($"acknowledged create ({m.Source}) of {m.Email} is not in the database"); }
                else if (rows.Count > 1) { DuplicatedWrites++; Problem($"create ({m.Source}) of {m.Email} is in the database {rows.Count} times"); }
                else if (rows[0].ClientId != cid || rows[0].Extension != m.Extension || (m.Department is not null && rows[0].Department != m.Department))
                    Problem($"created user {rows[0].Id} ({m.Source}): client {rows[0].ClientId}, ext {rows[0].Extension}, dept {rows[0].Department}; expected client {cid}, ext {m.Extension}, dept {m.Department}");
            }
            else
            {
                unknownCreates++;
                expectedPerClient[cid] = (e.Min, e.Max + 1);
                if (rows.Count > 0) unknownCreatesPresent++;
                if (rows.Count > 1) { DuplicatedWrites++; Problem($"unanswered create ({m.Source}) of {m.Email} is in the database {rows.Count} times"); }
            }
            CheckedFields++;
        }
        if (unknownCreates > 0) Notes.Add($"{unknownCreates} creates got no answer; {unknownCreatesPresent} of them were applied");

        // Races: every administrator of a client created the same users; exactly one may have won each.
        int races = 0, raceAttempts = 0;
        foreach (var client in world.Clients)
            foreach (var key in client.Races.Values)
            {
                races++;
                raceAttempts += key.Created + key.Refused + key.Unknown;
                var rows = byEmail.GetValueOrDefault(key.Email) ?? [];
                foreach (var row in rows) accounted.Add(row.Id);
                var min = key.Created;
                var max = key.Created + key.Unknown;
                if (key.Created > 1) { DuplicatedWrites++; Problem($"race {key.Email}: {key.Created} creates answered 201"); }
                if (rows.Count > 1) { DuplicatedWrites++; Problem($"race {key.Email}: {rows.Count} users in the database"); }
                else if (rows.Count < min) { LostWrites++; Problem($"race {key.Email}: answered 201 but not in the database"); }
                else if (rows.Count > max) Problem($"race {key.Email}: in the database though every attempt was refused ({key.Refused} refused)");
                else if (rows.Count == 0 && key.Created == 0 && key.Unknown == 0)
                    Problem($"race {key.Email}: every attempt was refused as taken ({key.Refused}), yet no such user exists");
                else if (rows.Count == 1 && rows[0].ClientId != client.Id) Problem($"race {key.Email}: in client {rows[0].ClientId}, not {client.Id}");
                var e = expectedPerClient[client.Id];
                expectedPerClient[client.Id] = (e.Min + min, e.Max + Math.Min(1, max));
                CheckedFields++;
            }
        Notes.Add($"{races:N0} contested creates ({raceAttempts:N0} attempts by several administrators of the same client)");

        // Nothing nobody asked for, and every client's count adds up.
        foreach (var d in users.Where(u => !accounted.Contains(u.Id) && clientIds.ContainsValue(u.ClientId)))
        {
            DuplicatedWrites++;
            Problem($"user {d.Id} ({d.Email}, client {d.ClientId}) was never created by the workload");
        }
        foreach (var (cid, range) in expectedPerClient)
        {
            var n = users.Count(u => u.ClientId == cid);
            if (n < range.Min || n > range.Max)
                Problem($"client {cid} has {n} users; acknowledged creates say {(range.Min == range.Max ? range.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{range.Min} to {range.Max}")}");
        }

        // Imports: all finished, and the database's report counts are what the workload was told.
        foreach (var j in jobs.Where(j => j.Status is "queued" or "running")) Problem($"import {j.Id} is still {j.Status}");
        foreach (var j in jobs.Where(j => j.Status == "failed")) Problem($"import {j.Id} of client {j.ClientId} failed");
        var records = world.Imports.Where(r => r.JobId is not null).ToDictionary(r => r.JobId!.Value);
        foreach (var j in jobs)
        {
            if (!records.TryGetValue(j.Id, out var r) || r.Outcome != "completed") continue;
            if (j.Created != r.Created || j.Updated != r.Updated || j.Unchanged != r.Unchanged || j.Failed != r.Failed)
                Problem($"import {j.Id}: database says {j.Created}/{j.Updated}/{j.Unchanged}/{j.Failed} created/updated/unchanged/failed, its report said {r.Created}/{r.Updated}/{r.Unchanged}/{r.Failed}");
        }
        var accepted = world.Imports.Count(r => r.JobId is not null);
        var unanswered = world.Imports.Count(r => r.JobId is null && r.Outcome == "not answered");
        if (jobs.Count < world.SeedImports + accepted || jobs.Count > world.SeedImports + accepted + unanswered)
            Problem($"{jobs.Count} import jobs in the database; {world.SeedImports} seed imports + {accepted} accepted uploads (+ {unanswered} unanswered)");
    }

    private void CheckField(SeedUser u, string field, string? actual, string expected, List<string> unknown)
    {
        CheckedFields++;
        if (actual == expected) return;
        if (actual is not null && unknown.Contains(actual)) { UnknownOutcomesResolved++; return; }
        LostWrites++;
        Problem($"user {u.Id} {field} is {actual ?? "null"}, last acknowledged write {expected}" +
                (unknown.Count > 0 ? $" (or unanswered {string.Join(", ", unknown)})" : "") +
                $"; its writes: {string.Join(" | ", u.History.TakeLast(6))}");
    }

    private void Problem(string what)
    {
        if (Problems.Count < 200) Problems.Add(what);
        else if (Problems.Count == 200) Problems.Add("(more problems not listed)");
    }
}
