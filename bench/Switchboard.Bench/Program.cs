using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

// Import/export throughput of Switchboard end to end through its REST API (upload to finished
// report), on a Release build started as its own process. Usage:
//   dotnet run -c Release --project bench/Switchboard.Bench [-- [--postgres "Host=...;Username=..."] [--no-passwords] 10000 100000]
//   dotnet run -c Release --project bench/Switchboard.Bench [-- [--postgres "..."] --costs [--rounds 3] [rows]]
// With --postgres each size runs on a fresh database on that server (e.g. "$(.ci/postgres)").
// Each size: create, export, unchanged re-import, update, then the undo of the update and of the
// create, each beside the import's own time in this run. --costs measures instead what keeping
// before-images (for undo) and computing the SIP HA1s cost a create and an update of `rows` (100,000):
// rounds of three fresh servers, one as shipped, one without each (SWITCHBOARD_BENCH_WITHOUT, see
// Users/Storage/BenchmarkSwitches.cs), each round starting with the next variant; the medians are compared.
var options = new Queue<string>(args);
string? postgres = null;
var costs = false;
var costRounds = 3;
var passwords = true;
List<int> sizes = [];
while (options.TryDequeue(out var a))
{
    if (a == "--postgres") postgres = options.Dequeue();
    else if (a == "--no-passwords") passwords = false;
    else if (a == "--costs") costs = true;
    else if (a == "--rounds") costRounds = int.Parse(options.Dequeue());
    else sizes.Add(int.Parse(a));
}
Console.WriteLine("Building Switchboard (Release)...");
await ServerProcess.BuildOnceAsync();
Console.WriteLine($"{Environment.ProcessorCount} cores, {(postgres is null ? "SQLite" : "PostgreSQL")}; end to end through the API. Load average now: {LoadAverage()}");

if (costs)
{
    await Costs(postgres, costRounds, sizes.Count > 0 ? sizes[0] : 100_000);
    return;
}

foreach (var n in sizes.Count > 0 ? sizes : [10_000, 100_000])
{
    using var server = await ServerProcess.StartOnFreshDatabaseAsync(postgres, "switchboard_bench", EchoImports);
    PeakSoFar.Mb = 0;
    var http = await ClientAdmin(server, $"Bench {n}");
    Console.WriteLine($"\n{n:N0} rows");

    var file = Generate(n, "Engineering");
    var createId = 0;
    var create = await Measure("create", n, async () => createId = await Import(http, file, expectCreated: n), server);
    byte[] export = [];
    await Measure("export", n, async () => export = await http.GetByteArrayAsync("/api/v1/users/export"), server);
    Console.WriteLine($"  (the export is {export.Length / (1024.0 * 1024):F1} MB)");
    await Measure("unchanged re-import", n, () => Import(http, export, expectUnchanged: n), server);
    var updated = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(export).Replace(",Engineering,", ",Operations,"));
    var updateId = 0;
    var update = await Measure("update every row", n, async () => updateId = await Import(http, updated, expectUpdated: n), server);
    // Undone newest first, each beside the import's own time in this run (target: undo <= 1.5 x the import).
    var undoUpdate = await Measure("undo of the update", n, () => Undo(http, updateId, n), server);
    Console.WriteLine($"  undo of the update: {undoUpdate:F2} s = {undoUpdate / update:F2} x the update's {update:F2} s (target <= 1.5, aim 1.0)");
    var undoCreate = await Measure("undo of the create", n, () => Undo(http, createId, n), server);
    Console.WriteLine($"  undo of the create: {undoCreate:F2} s = {undoCreate / create:F2} x the create's {create:F2} s (target <= 1.5, aim 1.0)");
}
if (!passwords) return;

{
    const int n = 1000;
    using var server = await ServerProcess.StartOnFreshDatabaseAsync(postgres, "switchboard_bench", EchoImports);
    PeakSoFar.Mb = 0;
    var http = await ClientAdmin(server, "Bench pw");
    var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<object>();
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < 20; i++) hasher.HashPassword(new object(), $"Calibrate-{i}-pass");
    var perCore = 20 / sw.Elapsed.TotalSeconds;
    var ceiling = perCore * Environment.ProcessorCount;
    Console.WriteLine($"\n{n:N0} rows that set web passwords (one hash takes {1000 / perCore:F0} ms; {Environment.ProcessorCount} cores can hash {ceiling:F1}/s)");
    var seconds = await Measure("create with passwords", n, () => Import(http, Generate(n, "Sales", withPasswords: true), expectCreated: n));
    Console.WriteLine($"  {n / seconds / ceiling:P0} of what {Environment.ProcessorCount} cores can hash");
}

// What keeping before-images and computing HA1s cost a create and an update of n rows: each round
// runs the three variants in turn (so a slow spell of this shared machine hits all of them), each on
// a fresh server and database; the medians over the rounds are compared with the shipped variant's.
static async Task Costs(string? postgres, int rounds, int n)
{
    (string Name, string? Without)[] variants = [("as shipped", null), ("without before-images", "before-images"), ("without HA1s", "ha1")];
    var times = variants.ToDictionary(v => v.Name, _ => (Create: new List<double>(), Update: new List<double>()));
    for (var round = 1; round <= rounds; round++)
    {
        Console.WriteLine($"\nround {round} of {rounds}, {n:N0} rows (load average {LoadAverage()})");
        // Each round starts with another variant, and each server waits for the last one's teardown: the first
        // server of a round otherwise runs while the previous one's process and files are still going away.
        foreach (var (name, without) in variants.Skip((round - 1) % variants.Length).Concat(variants.Take((round - 1) % variants.Length)))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var server = await ServerProcess.StartOnFreshDatabaseAsync(postgres, "switchboard_bench", null,
                without is null ? null : new Dictionary<string, string> { ["SWITCHBOARD_BENCH_WITHOUT"] = without });
            var http = await ClientAdmin(server, $"Bench {name}");
            var create = await Measure($"create, {name}", n, () => Import(http, Generate(n, "Engineering"), expectCreated: n), server);
            var export = await http.GetByteArrayAsync("/api/v1/users/export");
            var updated = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(export).Replace(",Engineering,", ",Operations,"));
            var update = await Measure($"update, {name}", n, () => Import(http, updated, expectUpdated: n), server);
            times[name].Create.Add(create);
            times[name].Update.Add(update);
        }
    }
    static double Median(List<double> xs)
    {
        var o = xs.Order().ToList();
        return o.Count % 2 == 1 ? o[o.Count / 2] : (o[o.Count / 2 - 1] + o[o.Count / 2]) / 2;
    }
    var shipped = times["as shipped"];
    Console.WriteLine($"\nmedians over {rounds} rounds, {n:N0} rows (load average {LoadAverage()}):");
    foreach (var (name, _) in variants)
    {
        var (c, u) = times[name];
        Console.WriteLine($"  {name,-22} create {Median(c),6:F2} s   update {Median(u),6:F2} s");
    }
    foreach (var (name, what) in new[] { ("without before-images", "keeping before-images"), ("without HA1s", "computing and storing HA1s") })
    {
        var (c, u) = times[name];
        Console.WriteLine($"  {what} costs the create {Median(shipped.Create) / Median(c) - 1:P1}, the update {Median(shipped.Update) / Median(u) - 1:P1}");
    }
}

static async Task<HttpClient> ClientAdmin(ServerProcess server, string name)
{
    var admin = await server.AdminAsync(Long);
    var client = await Create(admin, "/api/v1/clients", new { name, resellerId = await Create(admin, "/api/v1/resellers", new { name = $"{name} reseller" }) });
    var email = $"admin{client}@bench.test";
    await Create(admin, "/api/v1/accounts", new { email, password = "Bench-Client-Pass-1", role = "client", clientId = client });
    return await server.SignInAsync(email, "Bench-Client-Pass-1", Long);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

/// <summary>Runs <paramref name="run"/> and prints its time, rate and the server's peak memory; returns the seconds.</summary>
static async Task<double> Measure(string what, int n, Func<Task> run, ServerProcess? server = null)
{
    server?.ResetPeak();
    var sw = Stopwatch.StartNew();
    await run();
    var s = sw.Elapsed.TotalSeconds;
    var step = server?.PeakMegabytes() ?? 0;
    PeakSoFar.Mb = Math.Max(PeakSoFar.Mb, step);
    var peak = server is null ? "" : $"  server peak memory {step,5} MB (so far {PeakSoFar.Mb,5} MB)";
    Console.WriteLine($"  {what,-34} {s,7:F2} s  {n / s,10:N0} rows/s{peak}");
    return s;
}

static async Task<int> Import(HttpClient http, byte[] csv, int expectCreated = -1, int expectUnchanged = -1, int expectUpdated = -1)
{
    var content = new MultipartFormDataContent();
    var part = new ByteArrayContent(csv);
    part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    content.Add(part, "file", "users.csv");
    var r = await http.PostAsync("/api/v1/users/import", content);
    if ((int)r.StatusCode != 202) throw new InvalidOperationException($"upload answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
    var location = r.Headers.Location!.ToString();
    while (true)
    {
        var job = (await http.GetFromJsonAsync<JsonObject>(location))!;
        var status = job["status"]!.GetValue<string>();
        if (status is "completed" or "failed")
        {
            void Expect(string key, int want)
            {
                if (want >= 0 && job[key]!.GetValue<int>() != want)
                    throw new InvalidOperationException($"{key} = {job[key]} (want {want}): {job.ToJsonString()[..Math.Min(600, job.ToJsonString().Length)]}");
            }
            Expect("created", expectCreated);
            Expect("unchanged", expectUnchanged);
            Expect("updated", expectUpdated);
            Expect("failed", 0);
            return job["id"]!.GetValue<int>();
        }
        await Task.Delay(50);
    }
}

static async Task Undo(HttpClient http, int importId, int expectReverted)
{
    var r = await http.PostAsync($"/api/v1/imports/{importId}/undo", null);
    if ((int)r.StatusCode != 202) throw new InvalidOperationException($"undo answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
    var location = r.Headers.Location!.ToString();
    while (true)
    {
        var job = (await http.GetFromJsonAsync<JsonObject>(location))!;
        if (job["status"]!.GetValue<string>() is "completed" or "failed")
        {
            if (job["status"]!.GetValue<string>() != "completed" || job["reverted"]!.GetValue<int>() != expectReverted || job["failed"]!.GetValue<int>() != 0)
                throw new InvalidOperationException($"undo of import {importId}: {job.ToJsonString()[..Math.Min(600, job.ToJsonString().Length)]}");
            return;
        }
        await Task.Delay(50);
    }
}

static byte[] Generate(int n, string department, bool withPasswords = false)
{
    var sb = new StringBuilder("ID,First Name,Last Name,Email,Web Passwords,Phone Secret,Voicemail Pin,Extension,Department,Language,Phone Model ID,Provisioning Template ID,Mac Address,User Profile ID,Forward Number,Followme Number,DND On,Callwaiting on,IP address\r\n");
    for (var i = 0; i < n; i++)
    {
        var pw = withPasswords ? $"Bench-Pass-{i:D6}-x" : "";
        sb.Append($",Bulk{i},User{i},bulk{i}@bench.test,{pw},,,{20000000 + i},{department},en,,,,,+1415555{i % 10000:D4},,No,Yes,\r\n");
    }
    return Encoding.UTF8.GetBytes(sb.ToString());
}

static async Task<int> Create(HttpClient http, string path, object body)
{
    var r = await http.PostAsJsonAsync(path, body);
    var json = await r.Content.ReadFromJsonAsync<JsonObject>();
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {json}");
    return json!["id"]!.GetValue<int>();
}

// The server's lines about imports, echoed under the figures.
static void EchoImports(string line)
{
    if (line.Contains("Import ", StringComparison.Ordinal) || line.Contains("Undo ", StringComparison.Ordinal)) Console.WriteLine("    server: " + line.Trim());
}

static partial class Program
{
    /// <summary>HTTP requests of a million-row run can take minutes.</summary>
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(30);
}

static class PeakSoFar
{
    public static long Mb;
}
