using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Process;

/// <summary>Runs alone: it builds and starts real server processes and keeps both cores busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcessCollection
{
    public const string Name = "Server process";
}

/// <summary>
/// users-csv.md, Import semantics 7: "Imports of one client run one at a time, in order; the server
/// survives a crash or restart mid-import without a half-applied row, and finishes or clearly marks
/// the interrupted job." Checked against a real server process killed with SIGKILL (the whole
/// process tree, so no shutdown code runs), then started again on the same SQLite file.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int BigRows = 30_000;
    private const string ClientAdminPassword = SwitchboardApp.AdminPass;
    private static readonly string[] WholeUser = ["ID", "First Name", "Last Name", "Email", "Phone Secret", "Voicemail Pin", "Extension"];

    private readonly ServerProcess _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_import_killed_while_running_finishes_after_restart_with_no_half_written_user_and_the_queued_import_runs_after_it()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (clientId, adminEmail) = await CreateClientAsync(tag);
        var http = await _server.SignInAsync(adminEmail, ClientAdminPassword);

        // File 1: 30,000 new users. File 2, uploaded right behind it: 5 users that claim emails of
        // file 1 and 5 new ones. Had file 2 run first, file 1's rows for those emails would fail instead.
        var big = Enumerable.Range(0, BigRows).Select(i => BigRow(tag, i)).ToList();
        var small = Enumerable.Range(0, 5).Select(i => SmallRow(tag, i, email: BigRow(tag, i * 1000)["Email"]))
            .Concat(Enumerable.Range(5, 5).Select(i => SmallRow(tag, i, email: $"late{i}-{tag}@example.test")))
            .ToList();
        var first = await UploadAsync(http, Csv.Write(big), "first.csv");
        var second = await UploadAsync(http, Csv.Write(small), "second.csv");

        // Kill the server as soon as the first import is running.
        var seen = await WaitAsync(http, first, j => Status(j) != "queued");
        Assert.True(Status(seen) == "running",
            $"wanted to kill the server while import {first} runs, but it was already {Summary(seen)} — make the file bigger for this machine");
        _server.Kill();
        output.WriteLine($"killed while import {first} was running: {Summary(seen)}");

        await _server.StartAsync();
        http = await _server.SignInAsync(adminEmail, ClientAdminPassword);
        var job1 = await WaitAsync(http, first, IsFinished);
        var job2 = await WaitAsync(http, second, IsFinished);
        output.WriteLine($"after restart: {Summary(job1)} / {Summary(job2)}");

        // The interrupted job either finished or says clearly why it did not.
        if (Status(job1) == "failed")
            Assert.False(string.IsNullOrWhiteSpace(job1["message"]?.GetValue<string>()), $"a failed job must say why: {job1.ToJsonString()}");
        else
            Assert.True(Count(job1, "created") == BigRows && Count(job1, "failed") == 0 && Count(job1, "processed") == BigRows,
                $"the interrupted import, run again, should create all {BigRows} users: {Summary(job1)}");

        // The queued import ran after the first one, and saw its users.
        Assert.True(Status(job2) == "completed", Summary(job2));
        Assert.True(Time(job2, "startedAt") >= Time(job1, "finishedAt"),
            $"import {second} started before import {first} finished: {Summary(job1)} / {Summary(job2)}");
        if (Status(job1) == "completed")
        {
            Assert.True(Count(job2, "created") == 5 && Count(job2, "failed") == 5,
                $"the second import should find file 1's emails taken (5 created, 5 failed): {job2.ToJsonString()}");
            Assert.Equal([2, 3, 4, 5, 6], new ImportResult(job2).FailedRows);
        }

        // The database holds exactly what the jobs say they applied, and every user is whole.
        var (_, exported) = await http.Export("?includeSecrets=true");
        Assert.Equal(Count(job1, "created") + Count(job2, "created"), exported.Count);
        var expected = big.Concat(small).ToLookup(r => r["Email"]);
        foreach (var row in exported)
        {
            AssertWhole(row);
            Assert.True(expected[row["Email"]].Any(c => c["First Name"] == row["First Name"] && c["Last Name"] == row["Last Name"]
                                                        && c["Extension"] == row["Extension"] && c["Department"] == row["Department"]),
                $"user {row["ID"]} is not a row of either file: {string.Join(",", row.Values)}");
        }
        Assert.Equal(exported.Count, exported.Select(r => r["Email"]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        AssertNoHalfUsers(clientId, exported.Count);
    }

    [Fact]
    public async Task An_update_import_killed_in_its_write_phase_is_applied_whole_or_not_at_all()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (clientId, adminEmail) = await CreateClientAsync(tag);
        var http = await _server.SignInAsync(adminEmail, ClientAdminPassword);
        var created = await WaitAsync(http, await UploadAsync(http, Csv.Write(Enumerable.Range(0, BigRows).Select(i => BigRow(tag, i))), "users.csv"), IsFinished);
        Assert.True(Status(created) == "completed" && Count(created, "created") == BigRows, Summary(created));

        // Every user gets a new department and forward number: a file of 30,000 updates.
        var (_, before) = await http.Export();
        string[] headers = ["ID", "Department", "Forward Number"];
        var updates = before.Select((r, i) => new Dictionary<string, string>
        {
            ["ID"] = r["ID"], ["Department"] = $"Moved {i}", ["Forward Number"] = $"+1415{i:0000000}",
        }).ToList();
        var job = await UploadAsync(http, Csv.Write(updates, headers), "moves.csv");

        // Wait until the job has read and checked every row (rows = processed = 30,000): what is left is
        // planning and the one write transaction. Then kill as soon as the SQLite write-ahead log is
        // written to: a big transaction spills its pages there before it commits, so the kill lands
        // mid-write. Whether the poll sees that window before the job completes depends on the
        // machine (the outcome is written to the test output); the checks after the restart are the
        // same either way.
        var seen = await WaitAsync(http, job, j => IsFinished(j) || (Status(j) == "running" && Count(j, "rows") == BigRows && Count(j, "processed") == BigRows));
        var wal = new FileInfo(_server.DatabasePath + "-wal");
        var baseline = WalState(wal);
        while (Status(seen) == "running" && WalState(wal) == baseline)
        {
            seen = await http.GetJson($"/api/v1/imports/{job}");
        }
        if (Status(seen) == "running")
        {
            var walAtKill = WalState(wal);
            _server.Kill();
            output.WriteLine($"killed after the WAL went from {baseline} to {walAtKill}; last seen {Summary(seen)}");
            await _server.StartAsync();
            http = await _server.SignInAsync(adminEmail, ClientAdminPassword);
        }
        else
        {
            output.WriteLine($"the import finished before the kill could land: {Summary(seen)}");
        }

        var done = await WaitAsync(http, job, IsFinished);
        output.WriteLine($"finally: {Summary(done)}" + (done["startedAt"]?.ToString() != seen["startedAt"]?.ToString()
            ? " — it ran again after the restart, so the kill landed before its commit" : ""));
        var (_, after) = await http.Export("?includeSecrets=true");
        Assert.Equal(BigRows, after.Count);
        foreach (var row in after) AssertWhole(row);
        // A row is applied whole: department and forward number moved together, or neither did.
        var moved = after.Count(r => r["Department"].StartsWith("Moved ", StringComparison.Ordinal));
        var forwarded = after.Count(r => r["Forward Number"].Length > 0);
        Assert.True(moved == forwarded, $"{moved} users have the new department but {forwarded} the new forward number");
        if (Status(done) == "completed")
        {
            Assert.True(Count(done, "updated") == BigRows && Count(done, "failed") == 0, Summary(done));
            Assert.Equal(BigRows, moved);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(done["message"]?.GetValue<string>()), $"a failed job must say why: {done.ToJsonString()}");
            Assert.Equal(Count(done, "updated"), moved);
        }
        AssertNoHalfUsers(clientId, BigRows);
    }

    /// <summary>product.md, "Undo an import": undo jobs "survive a crash like" imports: after a restart the undo completes, or nothing of it is applied.</summary>
    [Fact]
    public async Task An_undo_killed_in_its_write_phase_is_applied_whole_or_not_at_all_and_completes_after_restart()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (clientId, adminEmail) = await CreateClientAsync(tag);
        var http = await _server.SignInAsync(adminEmail, ClientAdminPassword);
        var created = await WaitAsync(http, await UploadAsync(http, Csv.Write(Enumerable.Range(0, BigRows).Select(i => BigRow(tag, i))), "users.csv"), IsFinished);
        Assert.True(Status(created) == "completed" && Count(created, "created") == BigRows, Summary(created));
        var (_, before) = await http.Export();
        string[] headers = ["ID", "Department", "Forward Number"];
        var updates = before.Select((r, i) => new Dictionary<string, string>
        {
            ["ID"] = r["ID"], ["Department"] = $"Moved {i}", ["Forward Number"] = $"+1415{i:0000000}",
        }).ToList();
        var import = await WaitAsync(http, await UploadAsync(http, Csv.Write(updates, headers), "moves.csv"), IsFinished);
        Assert.True(Status(import) == "completed" && Count(import, "updated") == BigRows, Summary(import));

        var posted = await http.PostAsync($"/api/v1/imports/{import["id"]}/undo", null);
        var text = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, $"undo: {(int)posted.StatusCode} {text}");
        var undo = JsonNode.Parse(text)!["id"]!.GetValue<int>();

        // Kill as soon as the running undo writes to the SQLite write-ahead log (as the import test above does).
        var wal = new FileInfo(_server.DatabasePath + "-wal");
        var baseline = WalState(wal);
        var seen = await WaitAsync(http, undo, j => Status(j) != "queued");
        while (Status(seen) == "running" && WalState(wal) == baseline)
        {
            seen = await http.GetJson($"/api/v1/imports/{undo}");
        }
        if (Status(seen) == "running")
        {
            _server.Kill();
            output.WriteLine($"killed the undo after the WAL went from {baseline} to {WalState(wal)}; last seen {Summary(seen)}");
            await _server.StartAsync();
            http = await _server.SignInAsync(adminEmail, ClientAdminPassword);
        }
        else
        {
            output.WriteLine($"the undo finished before the kill could land: {Summary(seen)}");
        }

        var done = await WaitAsync(http, undo, IsFinished);
        output.WriteLine($"finally: {Summary(done)}");
        var (_, after) = await http.Export("?includeSecrets=true");
        Assert.Equal(BigRows, after.Count);
        foreach (var row in after) AssertWhole(row);
        var moved = after.Count(r => r["Department"].StartsWith("Moved ", StringComparison.Ordinal));
        var forwarded = after.Count(r => r["Forward Number"].Length > 0);
        Assert.True(moved == forwarded, $"{moved} users have the import's department but {forwarded} its forward number");
        if (Status(done) == "completed")
        {
            Assert.True(done["reverted"]!.GetValue<int>() == BigRows && Count(done, "failed") == 0, Summary(done));
            Assert.Equal(0, moved);
            Assert.Equal(done["id"]!.GetValue<int>(), (await http.GetJson($"/api/v1/imports/{import["id"]}"))["undoneBy"]!.GetValue<int>());
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(done["message"]?.GetValue<string>()), $"a failed undo must say why: {done.ToJsonString()}");
            Assert.Equal(BigRows, moved);
        }
        AssertNoHalfUsers(clientId, BigRows);
    }

    private async Task<(int ClientId, string AdminEmail)> CreateClientAsync(string tag)
    {
        var admin = await _server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Crash reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Crash client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"crash-admin-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = ClientAdminPassword, role = "client", clientId = client });
        return (client, email);
    }

    private static Dictionary<string, string> BigRow(string tag, int i) => new()
    {
        ["First Name"] = $"Big{i}",
        ["Last Name"] = $"Row{i}",
        ["Email"] = $"big{i}-{tag}@example.test",
        ["Extension"] = (200_000 + i).ToString(CultureInfo.InvariantCulture),
        ["Department"] = $"Dept {i % 50}",
        // Web passwords on the first rows keep the job running (hashing, ~45 ms each) for a second or
        // two before its write transaction: long enough to see it running and kill it, and on SQLite
        // for the second upload to be stored before the first import takes the write lock.
        ["Web Passwords"] = i < SlowRows ? $"Crash-Test-Pass-{i:D5}" : "",
    };

    private const int SlowRows = 60;

    private static Dictionary<string, string> SmallRow(string tag, int i, string email) => new()
    {
        ["First Name"] = $"Late{i}",
        ["Last Name"] = $"Comer{i}",
        ["Email"] = email,
        ["Extension"] = (300_000 + i).ToString(CultureInfo.InvariantCulture),
        ["Department"] = $"Late {tag}",
    };

    private static void AssertWhole(Dictionary<string, string> row)
    {
        foreach (var h in WholeUser)
            Assert.False(string.IsNullOrEmpty(row[h]), $"user {row["ID"]} has no {h}: {string.Join(",", row.Values)}");
    }

    /// <summary>
    /// Reads the SQLite file directly (server stopped): every PBX user sign-in of the client has its
    /// user row and the other way round. The export joins the two tables, so it could not show a half.
    /// </summary>
    private void AssertNoHalfUsers(int clientId, int expected)
    {
        _server.Kill();
        using var db = new SqliteConnection($"Data Source={_server.DatabasePath};Pooling=False");
        db.Open();
        long Scalar(string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("@c", clientId);
            return (long)cmd.ExecuteScalar()!;
        }
        var signIns = Scalar("SELECT COUNT(*) FROM SignIns WHERE Role = 'user' AND ClientId = @c");
        var users = Scalar("SELECT COUNT(*) FROM Users WHERE ClientId = @c");
        var joined = Scalar("SELECT COUNT(*) FROM Users u JOIN SignIns s ON s.Id = u.Id WHERE u.ClientId = @c AND s.ClientId = @c AND s.Role = 'user'");
        Assert.True(signIns == expected && users == expected && joined == expected,
            $"the database has {signIns} user sign-ins, {users} user rows and {joined} joined for the client; expected {expected}");
    }

    private static async Task<int> UploadAsync(HttpClient http, string csv, string name)
    {
        var r = await http.Upload(Encoding.UTF8.GetBytes(csv), fileName: name);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"upload of {name}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    /// <summary>Polls GET /api/v1/imports/{id} until the job satisfies <paramref name="until"/>.</summary>
    private static async Task<JsonObject> WaitAsync(HttpClient http, int id, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await http.GetJson($"/api/v1/imports/{id}");
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"import {id} still {job.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    private static (long Length, DateTime Written) WalState(FileInfo wal)
    {
        wal.Refresh();
        return wal.Exists ? (wal.Length, wal.LastWriteTimeUtc) : (0, DateTime.MinValue);
    }

    private static string Status(JsonObject job) => job["status"]!.GetValue<string>();

    private static bool IsFinished(JsonObject job) => Status(job) is "completed" or "failed";

    private static int Count(JsonObject job, string name) => job[name]!.GetValue<int>();

    private static DateTime Time(JsonObject job, string name) =>
        job[name]?.GetValue<DateTime>() ?? throw new InvalidOperationException($"import {job["id"]} has no {name}: {job.ToJsonString()}");

    private static string Summary(JsonObject j) =>
        $"#{j["id"]} {j["status"]} rows={j["rows"]} processed={j["processed"]} created={j["created"]} updated={j["updated"]} " +
        $"unchanged={j["unchanged"]} failed={j["failed"]} started={j["startedAt"]} finished={j["finishedAt"]} message={j["message"]}";
}
