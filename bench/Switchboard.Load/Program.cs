using System.Diagnostics;
using System.Globalization;
using Switchboard.Load;

// Load test of Switchboard: client administrators of several clients at once, against one Release
// server started on 127.0.0.1 (SQLite, or PostgreSQL with --postgres), for a bounded time; then the
// database is read back and every acknowledged write checked. See docs/load-test.md and bench/load.sh.
LoadOptions o;
try
{
    o = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine("Building Switchboard (Release)...");
await ServerProcess.BuildOnceAsync();

var database = o.Postgres is null ? "SQLite" : "PostgreSQL";
using var server = await ServerProcess.StartOnFreshDatabaseAsync(o.Postgres, "switchboard_load");
server.KeepFolder = o.Keep;
Console.WriteLine($"Server on {server.BaseAddress} ({database}{(server.PostgresDatabase is null ? "" : $", database {server.PostgresDatabase}")}), log {server.LogPath}");

var setup = Stopwatch.StartNew();
var world = await World.CreateAsync(o, server.BaseAddress);
Console.WriteLine($"Set up {o.Clients} clients, {o.Admins} client administrators, {o.SeedUsers * o.Clients:N0} users (one import per client) in {setup.Elapsed.TotalSeconds:F1} s");

var recorder = new Recorder();
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = o.Admins * 2,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseCookies = false,
    AutomaticDecompression = System.Net.DecompressionMethods.None,
};
using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
var api = new Api(http, recorder, TimeSpan.FromSeconds(o.RequestTimeoutSeconds));

var cpuBefore = server.CpuSeconds();
var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var logLinesAtStart = server.LogLines;
var loadAvgBefore = LoadAverage();
var started = DateTime.UtcNow;
var deadline = started.AddSeconds(o.Seconds);
var drainDeadline = deadline.AddSeconds(o.DrainSeconds);
Console.WriteLine($"Load: {o.Admins} administrators for {o.Seconds} s (then up to {o.DrainSeconds} s for what is still running), think time {o.ThinkMs} ms, an import each about every {o.ImportEverySeconds} s, seed {o.RandomSeed}...");
using var progress = new Timer(_ => Console.WriteLine($"  {(DateTime.UtcNow - started).TotalSeconds,4:F0} s  {recorder.Total,9:N0} requests  {recorder.FiveXx} 5xx  {recorder.Failures.Count - recorder.FiveXx} unanswered  {recorder.Anomalies.Count} anomalies"),
    null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
var workers = world.Admins.Select(a => new AdminWorker(a, world, api, recorder, o, new Random(o.RandomSeed * 1000 + a.Global)).RunAsync(deadline, drainDeadline)).ToArray();
var all = Task.WhenAll(workers);
try
{
    // Every request has its own timeout and imports stop waiting at the drain deadline: this is a backstop.
    await all.WaitAsync(drainDeadline.AddSeconds(o.RequestTimeoutSeconds + 10) - DateTime.UtcNow);
}
catch (TimeoutException)
{
    Console.WriteLine("Some administrators did not stop in time; their unfinished operations count as unanswered.");
}
var ended = DateTime.UtcNow;
await progress.DisposeAsync();
var cpuUsed = server.CpuSeconds() - cpuBefore;
var ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - ownCpuBefore;
var loadAvgAfter = LoadAverage();
if (all.IsFaulted) throw all.Exception!;

// Imports the workload stopped waiting for may still run: wait for the server's queue (bounded) before reading.
var verifier = new Verifier(world, server);
var queueDeadline = DateTime.UtcNow.AddSeconds(o.DrainSeconds);
while (verifier.UnfinishedImports() > 0 && DateTime.UtcNow < queueDeadline) await Task.Delay(500);
if (o.Tamper)
    foreach (var t in verifier.Tamper()) Console.WriteLine($"Tampered (--tamper): {t}");
verifier.Run();

var wall = (ended - started).TotalSeconds;
Report(o, database, world, recorder, verifier, wall, cpuUsed, ownCpu, server.PeakMegabytes(), loadAvgBefore, loadAvgAfter);

// Error entries of the server's log, each with the lines that continue it (message, exception).
var serverErrors = new List<string>();
if (File.Exists(server.LogPath))
{
    var lines = File.ReadAllLines(server.LogPath);
    for (var i = 0; i < lines.Length; i++)
    {
        if (!(lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal) ||
              lines[i].Contains("\"LogLevel\":\"Error\"") || lines[i].Contains("\"LogLevel\":\"Critical\""))) continue;
        var entry = lines[i];
        for (var j = i + 1; j < lines.Length && j <= i + 3 && lines[j].StartsWith(' '); j++) entry += " / " + lines[j].Trim();
        serverErrors.Add((i < logLinesAtStart ? "[before the load] " : "") + entry);
    }
}
// The server's own account of each import job of the load (its log line "Import N: ... total Xs").
if (File.Exists(server.LogPath))
{
    var timings = File.ReadLines(server.LogPath).Skip(logLinesAtStart)
        .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Import \d+: (\d+) rows,.* read ([\d.]+)s, passwords ([\d.]+)s, plan and write ([\d.]+)s, total ([\d.]+)s"))
        .Where(m => m.Success).Select(m => m.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray()).ToList();
    if (timings.Count > 0)
    {
        string P(int i) => $"{Recorder.Percentile(timings.Select(t => t[i] * 1000).Order().ToList(), 50):F0}/{Recorder.Percentile(timings.Select(t => t[i] * 1000).Order().ToList(), 99):F0}";
        Console.WriteLine($"Server log, {timings.Count} import jobs of the load, p50/p99 ms: read {P(1)}, passwords {P(2)}, plan and write {P(3)}, total {P(4)} " +
                          $"(sum of totals {timings.Sum(t => t[4]):F1} s in {wall:F0} s).");
    }
}
if (serverErrors.Count > 0)
{
    Console.WriteLine($"\nServer log: {serverErrors.Count} error entries (first 20):");
    foreach (var l in serverErrors.Take(20)) Console.WriteLine("  " + Api.Cut(l, 700));
}

var fiveXx = recorder.FiveXx;
var unanswered = recorder.Failures.Count - fiveXx;
var pass = fiveXx == 0 && unanswered == 0 && verifier.Problems.Count == 0 && recorder.Anomalies.IsEmpty;
var total = recorder.Total;
Console.WriteLine();
Console.WriteLine($"VERDICT {database}: {(pass ? "PASS" : "FAIL")} — {total:N0} requests in {wall:F0} s ({total / wall:F0}/s), {fiveXx} 5xx, {unanswered} unanswered, " +
                  $"{verifier.LostWrites} lost writes, {verifier.DuplicatedWrites} duplicated writes, {verifier.Problems.Count} database problems, " +
                  $"{recorder.Anomalies.Count} unexpected answers, {serverErrors.Count(e => !e.StartsWith('['))} server log errors during the load; " +
                  $"{verifier.CheckedFields:N0} fields and creates checked against the database");
if (!pass || o.Keep)
{
    server.KeepFolder = true;
    Console.WriteLine($"Kept {server.Folder} (server.log{(server.PostgresDatabase is null ? ", switchboard.db" : $"; PostgreSQL database {server.PostgresDatabase} kept")})");
}
return pass ? 0 : 1;

static void Report(LoadOptions o, string database, World world, Recorder rec, Verifier v, double wall, double cpu, double ownCpu, long peakMb, string loadBefore, string loadAfter)
{
    Console.WriteLine();
    Console.WriteLine($"## {database}: {o.Admins} client administrators in {o.Clients} clients, {o.Seconds} s, {Environment.ProcessorCount} cores shared by server and load");
    Console.WriteLine();
    Console.WriteLine("| request | count | p50 ms | p99 ms | max ms | per second | answers |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
    string[] order = ["sign-in", "list users (page of 50)", "search users", "get user", "edit user (PUT)", "create user (POST)",
        "create same user (race)", "export users.csv", "import upload", "import status (poll)", "import (upload to report)"];
    foreach (var k in rec.Kinds.OrderBy(k => Array.IndexOf(order, k.Name) is var i && i < 0 ? 99 : i))
    {
        var sorted = k.Milliseconds.Order().ToList();
        var answers = string.Join(", ", k.Statuses.Select(s => $"{s.Value:N0}× {s.Key}").Concat(k.NoAnswer > 0 ? [$"{k.NoAnswer}× none"] : []));
        var span = k.Name.StartsWith("import (", StringComparison.Ordinal);
        Console.WriteLine($"| {k.Name}{(span ? " ¹" : "")} | {sorted.Count:N0} | {Recorder.Percentile(sorted, 50):F0} | {Recorder.Percentile(sorted, 99):F0} | {sorted.LastOrDefault():F0} | {sorted.Count / wall:F1} | {(span ? "completed" : answers)} |");
    }
    var all = rec.Kinds.Where(k => !k.Name.StartsWith("import (", StringComparison.Ordinal)).SelectMany(k => k.Milliseconds).Order().ToList();
    var noPolls = rec.Kinds.Where(k => !k.Name.StartsWith("import (", StringComparison.Ordinal) && k.Name != "import status (poll)").SelectMany(k => k.Milliseconds).Order().ToList();
    Console.WriteLine($"| all but import polls | {noPolls.Count:N0} | {Recorder.Percentile(noPolls, 50):F0} | {Recorder.Percentile(noPolls, 99):F0} | {noPolls.LastOrDefault():F0} | {noPolls.Count / wall:F0} | |");
    Console.WriteLine($"| **all requests** | **{all.Count:N0}** | {Recorder.Percentile(all, 50):F0} | {Recorder.Percentile(all, 99):F0} | {all.LastOrDefault():F0} | **{all.Count / wall:F0}** | |");
    Console.WriteLine();
    Console.WriteLine("¹ not a request: from the upload to the poll that saw the report (first poll after 300 ms, then every 500 ms, as the portal's progress bar).");
    var imports = world.Imports.ToList();
    Console.WriteLine($"Imports: {imports.Count(i => i.Outcome == "completed"):N0} completed of {imports.Count:N0} uploaded, {imports.Sum(i => i.Updated):N0} rows updated, {imports.Sum(i => i.Created):N0} created, {imports.Sum(i => i.Failed)} failed.");
    Console.WriteLine($"Writes acknowledged: {rec.Kinds.FirstOrDefault(k => k.Name == "edit user (PUT)")?.Statuses.GetValueOrDefault(200) ?? 0:N0} single-user edits, " +
                      $"{world.Created.Count(c => c.Certain):N0} creates ({world.Created.Count(c => c.Certain && c.Source == "POST"):N0} by POST, {world.Created.Count(c => c.Certain && c.Source != "POST"):N0} by import), " +
                      $"{world.Clients.Sum(c => c.Races.Values.Count(r => r.Created > 0)):N0} contested creates won.");
    Console.WriteLine($"Wall {wall:F1} s; server CPU {cpu:F0} s ({cpu / wall / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores), server peak memory {peakMb} MB; load generator CPU {ownCpu:F0} s; machine load average before {loadBefore}, after {loadAfter}.");
    foreach (var n in v.Notes) Console.WriteLine("Database: " + n + ".");
    if (v.UnknownOutcomesResolved > 0) Console.WriteLine($"Database: {v.UnknownOutcomesResolved} fields hold a write that got no answer (allowed).");

    if (!rec.Failures.IsEmpty)
    {
        Console.WriteLine($"\n5xx and unanswered requests ({rec.Failures.Count}, first 40):");
        foreach (var f in rec.Failures.Take(40)) Console.WriteLine("  " + f);
    }
    if (!rec.Anomalies.IsEmpty)
    {
        Console.WriteLine($"\nUnexpected answers ({rec.Anomalies.Count}, first 40):");
        foreach (var a in rec.Anomalies.Take(40)) Console.WriteLine("  " + a);
    }
    if (v.Problems.Count > 0)
    {
        Console.WriteLine($"\nDatabase check: {v.Problems.Count} problems (first 60):");
        foreach (var p in v.Problems.Take(60)) Console.WriteLine("  " + p);
    }
}

static string LoadAverage()
{
    try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "?"; }
}


