using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

// Boot storm: N desk phones (default 20,000, each its own MAC and client address) fetch their
// configuration at once over keep-alive connections, from Switchboard (Release, its own process, a
// fresh SQLite file) and, in the same run, from nginx serving the same rendered files statically with
// basic auth whose check costs nothing (a {PLAIN} htpasswd entry). Run by hand, not in CI:
//   dotnet run -c Release --project bench/Switchboard.BootStorm [-- [--postgres CONNECTION] phones [connections]]
// Switchboard is reached as a TLS-terminating proxy on the same host would reach it (X-Forwarded-Proto
// https and X-Forwarded-For from loopback, a trusted proxy by default), with Basic auth; nginx over
// plain HTTP with Basic auth. Needs nginx at /usr/sbin/nginx.
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
var rest = args.Where((a, i) => a != "--postgres" && (i == 0 || args[i - 1] != "--postgres")).ToArray();
var phones = rest.Length > 0 ? int.Parse(rest[0]) : 20_000;
var connections = rest.Length > 1 ? int.Parse(rest[1]) : 64;
Console.WriteLine("Building Switchboard (Release)...");
await ServerProcess.BuildOnceAsync();
using var server = await ServerProcess.StartOnFreshDatabaseAsync(postgres, "switchboard_storm");
Console.WriteLine($"{Environment.ProcessorCount} cores; {phones:N0} phones, {connections} keep-alive connections; server and load on the same cores.");

// The world (extensions 30000 up: none starts with an emergency number such as 112): one reseller, one client, a Yealink model and template, N desk phone users (imported).
var admin = await server.AdminAsync(TimeSpan.FromMinutes(5));
var reseller = await Create(admin, "/api/v1/resellers", new { name = "Storm reseller" });
var client = await Create(admin, "/api/v1/clients", new { name = "Storm client", resellerId = reseller });
await Create(admin, "/api/v1/accounts", new { email = "storm@bench.test", password = "Storm-Client-Pass-1", role = "client", clientId = client });
var model = await Create(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = "T46U" });
const string body = "#!version:1.0.0.1\naccount.1.enable = 1\naccount.1.label = {{extension}}\naccount.1.auth_name = {{extension}}\n" +
                    "account.1.user_name = {{extension}}\naccount.1.password = {{phone_secret}}\naccount.1.display_name = {{display_name}}\n" +
                    "account.1.sip_server.1.address = {{sip_server}}\nlang.gui = {{language}}\n";
var template = await Create(admin, "/api/v1/provisioning-templates", new { name = "Storm Yealink", phoneModelId = model, body });
var http = await server.SignInAsync("storm@bench.test", "Storm-Client-Pass-1", TimeSpan.FromMinutes(5));
var macs = Enumerable.Range(0, phones).Select(i => $"00:15:65:{(i >> 16) & 255:X2}:{(i >> 8) & 255:X2}:{i & 255:X2}").ToArray();
var csv = new StringBuilder("First Name,Last Name,Email,Extension,Phone Model ID,Provisioning Template ID,Mac Address\n");
for (var i = 0; i < phones; i++) csv.Append($"Ph{i},Storm,ph{i}@storm.test,{30000 + i},{model},{template},{macs[i]}\n");
await Import(http, Encoding.UTF8.GetBytes(csv.ToString()), phones);
var credentials = (await (await admin.PostAsync($"/api/v1/resellers/{reseller}/provisioning/password", null)).Content.ReadFromJsonAsync<JsonObject>())!;
var (username, password) = (credentials["username"]!.GetValue<string>(), credentials["password"]!.GetValue<string>());
var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
string Hex(int i) => macs[i].Replace(":", "").ToLowerInvariant();
string Address(int i) => $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";

// The load generator shares the server's two cores: warm its HTTP client (and the server's request pipeline,
// as any server that has served its portal has it) with a storm on /healthz first, so the first phone storm
// measures the server's cold files, not the generator's first JIT. No phone's file is read by it; its rate
// is also the floor with no database.
await Storm("Switchboard /healthz (warm-up)", server.BaseAddress, phones, connections, _ => new HttpRequestMessage(HttpMethod.Get, "/healthz"), null);

// Another floor for comparison: the same storm answered by the Digest challenge (no lookup).
if (Environment.GetEnvironmentVariable("STORM_FLOORS") == "1")
{
    await Storm("Switchboard 401 challenge", server.BaseAddress, phones, connections, i =>
    {
        var r = new HttpRequestMessage(HttpMethod.Get, $"/provisioning/{Hex(i)}.cfg");
        r.Headers.Add("X-Forwarded-Proto", "https");
        r.Headers.Add("X-Forwarded-For", Address(i));
        return r;
    }, null);
}

// STORM_WAIT_FILE: say the server's process ID and wait for that file before the storm (a profiler attaches meanwhile).
if (Environment.GetEnvironmentVariable("STORM_WAIT_FILE") is { Length: > 0 } waitFile)
{
    Console.WriteLine($"Server started by process {server.ProcessId} (dotnet run; the server is its child: pgrep -P {server.ProcessId}); waiting for {waitFile}");
    while (!File.Exists(waitFile)) await Task.Delay(200);
}

// Phone i asks for its file through the TLS-terminating proxy: Basic, its own address, a User-Agent with its MAC.
HttpRequestMessage PhoneFetch(int i)
{
    var r = new HttpRequestMessage(HttpMethod.Get, $"/provisioning/{Hex(i)}.cfg");
    r.Headers.Authorization = basic;
    r.Headers.Add("X-Forwarded-Proto", "https");
    r.Headers.Add("X-Forwarded-For", Address(i));
    r.Headers.TryAddWithoutValidation("User-Agent", $"Yealink SIP-T46U 108.86.0.20 {macs[i].ToLowerInvariant()}");
    return r;
}

// Switchboard's storm; each answer kept in memory during it and written out after it (the generator shares
// the server's cores, and 20,000 file writes would be its work measured as the server's), for nginx to serve the same bytes.
var answers = new byte[phones][];
var sb = await Storm("Switchboard", server.BaseAddress, phones, connections, PhoneFetch, (i, bytes) => answers[i] = bytes);
var files = Path.Combine(server.Folder, "files");
Directory.CreateDirectory(files);
for (var i = 0; i < phones; i++)
    if (answers[i] is { } answer) File.WriteAllBytes(Path.Combine(files, $"{Hex(i)}.cfg"), answer);

// The same phones again at once (a second power cut, the server up all along): their files are kept in memory now.
var kept = await Storm("Switchboard again (files kept)", server.BaseAddress, phones, connections, PhoneFetch, null);

// The template changed (one comment line more): every phone is told to fetch, and every kept file is stale.
// The server is warm now, so this is the storm a change brings about, with nothing kept.
var changed = await admin.PutAsJsonAsync($"/api/v1/provisioning-templates/{template}", new { name = "Storm Yealink", phoneModelId = model, body = body + "# changed\n" });
if (!changed.IsSuccessStatusCode) throw new InvalidOperationException($"changing the template: {(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");
var afterChange = await Storm("Switchboard after a template change (nothing kept, server warm)", server.BaseAddress, phones, connections, PhoneFetch, null);

// Every fetch's address recorded (the recorder writes about every second; the contract allows 5).
var recorded = 0;
var waited = Stopwatch.StartNew();
while (waited.Elapsed < TimeSpan.FromSeconds(5))
{
    recorded = postgres is null ? CountRecorded(server.DatabasePath, macs, Address) : await CountRecordedPostgres(server.ConnectionString, macs, Address);
    if (recorded == phones) break;
    await Task.Delay(250);
}
Console.WriteLine($"  addresses recorded: {recorded:N0} of {phones:N0} ({waited.Elapsed.TotalSeconds:F1} s after the storm)");

// nginx, same files, same phones.
var nginx = StartNginx(files, username, password, out var nginxBase, out var nginxDir);
try
{
    var ng = await Storm("nginx", nginxBase, phones, connections, i =>
    {
        var r = new HttpRequestMessage(HttpMethod.Get, $"/provisioning/{Hex(i)}.cfg");
        r.Headers.Authorization = basic;
        r.Headers.TryAddWithoutValidation("User-Agent", $"Yealink SIP-T46U 108.86.0.20 {macs[i].ToLowerInvariant()}");
        return r;
    }, null);
    Console.WriteLine($"\nratio Switchboard / nginx: {sb / ng:F2} (target 0.15, aim 0.5); files kept: {kept / ng:F2}; after a template change: {afterChange / ng:F2}; {DateTime.UtcNow:yyyy-MM-dd}");
}
finally
{
    nginx.Kill(entireProcessTree: true);
    nginx.WaitForExit();
    Directory.Delete(nginxDir, recursive: true);
}
return;

static async Task<double> Storm(string name, Uri baseAddress, int n, int connections, Func<int, HttpRequestMessage> request, Action<int, byte[]>? keep)
{
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    // Open the connections first, so the storm measures answers, not TCP handshakes.
    await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = connections },
        async (_, ct) => { using var r = await http.GetAsync("/healthz", ct); });
    var latencies = new double[n];
    var errors = 0;
    var sw = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (i, ct) =>
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var r = await http.SendAsync(request(i), ct);
            var bytes = await r.Content.ReadAsByteArrayAsync(ct);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if ((int)r.StatusCode != 200) Interlocked.Increment(ref errors);
            else keep?.Invoke(i, bytes);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref errors);
        }
    });
    var seconds = sw.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    var rate = n / seconds;
    Console.WriteLine($"\n{name}: {n:N0} configs in {seconds:F2} s = {rate:N0} configs/s; latency p50 {latencies[n / 2]:F1} ms, " +
                      $"p99 {latencies[(int)(n * 0.99)]:F1} ms, max {latencies[^1]:F1} ms; errors {errors}");
    return rate;
}


static int CountRecorded(string databasePath, string[] macs, Func<int, string> address)
{
    using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
    db.Open();
    using var cmd = db.CreateCommand();
    cmd.CommandText = "SELECT \"MacAddress\", \"IpAddress\" FROM \"Users\" WHERE \"MacAddress\" IS NOT NULL AND \"ProvisionedAt\" IS NOT NULL";
    var expected = macs.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => address(x.i));
    var count = 0;
    using var r = cmd.ExecuteReader();
    while (r.Read())
        if (expected.TryGetValue(r.GetString(0), out var a) && !r.IsDBNull(1) && r.GetString(1) == a) count++;
    return count;
}

static async Task<int> CountRecordedPostgres(string connectionString, string[] macs, Func<int, string> address)
{
    await using var db = new Npgsql.NpgsqlConnection(connectionString);
    await db.OpenAsync();
    await using var cmd = new Npgsql.NpgsqlCommand("SELECT \"MacAddress\", \"IpAddress\" FROM \"Users\" WHERE \"MacAddress\" IS NOT NULL AND \"ProvisionedAt\" IS NOT NULL", db);
    var expected = macs.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => address(x.i));
    var count = 0;
    await using var r = await cmd.ExecuteReaderAsync();
    while (await r.ReadAsync())
        if (expected.TryGetValue(r.GetString(0), out var a) && !r.IsDBNull(1) && r.GetString(1) == a) count++;
    return count;
}

static Process StartNginx(string files, string username, string password, out Uri baseAddress, out string dir)
{
    dir = Path.Combine(Path.GetTempPath(), $"storm-nginx-{Guid.NewGuid():N}");
    Directory.CreateDirectory(dir);
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    File.WriteAllText(Path.Combine(dir, "htpasswd"), $"{username}:{{PLAIN}}{password}\n");
    File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
        worker_processes auto;
        pid {{dir}}/nginx.pid;
        error_log {{dir}}/error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path {{dir}}/body; proxy_temp_path {{dir}}/proxy; fastcgi_temp_path {{dir}}/fcgi;
            uwsgi_temp_path {{dir}}/uwsgi; scgi_temp_path {{dir}}/scgi;
            keepalive_requests 1000000;
            server {
                listen 127.0.0.1:{{port}};
                location /provisioning/ {
                    alias {{files}}/;
                    default_type text/plain;
                    add_header Cache-Control no-store;
                    auth_basic "switchboard";
                    auth_basic_user_file {{dir}}/htpasswd;
                }
            }
        }
        """);
    var p = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-g", "daemon off;"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
    baseAddress = new Uri($"http://127.0.0.1:{port}");
    for (var i = 0; i < 100; i++)
    {
        try
        {
            using var c = new System.Net.Sockets.TcpClient("127.0.0.1", port);
            return p;
        }
        catch (System.Net.Sockets.SocketException) { Thread.Sleep(100); }
    }
    throw new InvalidOperationException("nginx did not start: " + p.StandardError.ReadToEnd());
}

static async Task<int> Create(HttpClient http, string path, object body)
{
    var r = await http.PostAsJsonAsync(path, body);
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    return (await r.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
}

static async Task Import(HttpClient http, byte[] csv, int expected)
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
            if (job["created"]!.GetValue<int>() != expected) throw new InvalidOperationException($"import: {job.ToJsonString()[..Math.Min(2000, job.ToJsonString().Length)]}");
            return;
        }
        await Task.Delay(200);
    }
}
