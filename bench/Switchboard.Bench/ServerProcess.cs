using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Switchboard.Bench;

/// <summary>A Release build of Switchboard started as its own process on a fresh SQLite file and a free loopback port.</summary>
public sealed class ServerProcess : IDisposable
{
    public const string AdminEmail = "bench-admin@bench.test";
    public const string AdminPassword = "Bench-Admin-Pass-42";

    private readonly Process _process;
    private readonly string _dir;
    public HttpClient Http { get; }

    private ServerProcess(Process process, string dir, Uri baseAddress)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
    }

    public static async Task<ServerProcess> StartAsync(string repoRoot)
    {
        var dir = Directory.CreateTempSubdirectory("switchboard-bench-").FullName;
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(repoRoot, "src", "Switchboard"), "-c", "Release", "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ConnectionStrings__Switchboard"] = $"Data Source={Path.Combine(dir, "switchboard.db")}";
        psi.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        psi.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Import ") == true || e.Data?.Contains("MEMDBG") == true) Console.WriteLine("    server: " + e.Data.Trim()); };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var server = new ServerProcess(p, dir, new Uri($"http://127.0.0.1:{port}"));
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
    }
}
