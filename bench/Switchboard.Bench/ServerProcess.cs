using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Switchboard.Bench;

/// <summary>
/// A Release build of Switchboard started as its own process on a free loopback port and a fresh
/// database: a SQLite file, or a new database on the PostgreSQL server given (dropped on Dispose).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string AdminEmail = "bench-admin@bench.test";
    public const string AdminPassword = "Bench-Admin-Pass-42";

    private readonly Process _process;
    private readonly string _dir;
    private string? _postgresServer;
    private string? _postgresDatabase;
    public HttpClient Http { get; }

    private ServerProcess(Process process, string dir, Uri baseAddress)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
    }

    /// <param name="postgres">An Npgsql connection string to a server (no Database), or null for SQLite.</param>
    public static async Task<ServerProcess> StartAsync(string repoRoot, string? postgres = null)
    {
        var dir = Directory.CreateTempSubdirectory("switchboard-bench-").FullName;
        string? database = null;
        var connection = $"Data Source={Path.Combine(dir, "switchboard.db")}";
        if (postgres is not null)
        {
            database = $"switchboard_bench_{Guid.NewGuid():N}";
            await using var admin = new Npgsql.NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
            connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(repoRoot, "src", "Switchboard"), "-c", "Release", "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["Database__Provider"] = postgres is null ? "sqlite" : "postgres";
        psi.Environment["ConnectionStrings__Switchboard"] = connection;
        psi.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        psi.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Import ") == true || e.Data?.Contains("MEMDBG") == true) Console.WriteLine("    server: " + e.Data.Trim()); };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var server = new ServerProcess(p, dir, new Uri($"http://127.0.0.1:{port}")) { _postgresServer = postgres, _postgresDatabase = database };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                var r = await server.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
                if (r.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            if (p.HasExited) throw new InvalidOperationException("Switchboard exited during start");
            await Task.Delay(500);
        }
        throw new TimeoutException("Switchboard did not start");
    }

    /// <summary>Peak resident memory (VmHWM) of the server and its children, in MB.</summary>
    public long PeakMegabytes()
    {
        long best = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                var ppid = status.FirstOrDefault(l => l.StartsWith("PPid:"))?.Split(':')[1].Trim();
                if (pid != _process.Id && ppid != _process.Id.ToString()) continue;
                var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:"));
                if (hwm is not null) best = Math.Max(best, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024);
            }
            catch (IOException) { }
        }
        return best;
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var http = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        r.EnsureSuccessStatusCode();
        var token = (await r.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10000); } catch (InvalidOperationException) { }
        Http.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        if (_postgresDatabase is null) return;
        using var admin = new Npgsql.NpgsqlConnection(_postgresServer);
        admin.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
