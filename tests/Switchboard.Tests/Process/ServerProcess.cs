using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

/// <summary>
/// The real server as a child process, started the way the external driver starts it
/// (<c>dotnet run --project src/Switchboard -c Release --no-build -- --urls http://127.0.0.1:PORT</c>)
/// on a free loopback port and its own SQLite file, or on a database it is given (several instances
/// may share one PostgreSQL database). It can be killed hard and started again on the same
/// database. Dispose kills the process tree and deletes the folder.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static bool _built;

    private System.Diagnostics.Process? _process;
    private readonly object _logLock = new();

    private readonly string _provider;
    private readonly string _connectionString;

    /// <param name="database">Shared with other instances (not dropped here); null for a SQLite file of its own.</param>
    public ServerProcess(TestDatabase? database = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"switchboard-process-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        (_provider, _connectionString) = database is null ? ("sqlite", $"Data Source={DatabasePath}") : (database.Provider, database.ConnectionString);
    }

    /// <summary>More settings for the server, as environment variables (e.g. Logging__Console__FormatterName).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Holds the database and the server's log; deleted on Dispose.</summary>
    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "switchboard.db");

    public string LogPath => Path.Combine(Folder, "server.log");

    /// <summary>A free loopback port, chosen once: a restart listens where the first start did.</summary>
    public Uri BaseAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The folder holding Switchboard.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException($"No Switchboard.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Builds the server in Release once per test run (dotnet run --no-build needs it).</summary>
    public static async Task BuildOnceAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            if (_built) return;
            var psi = Dotnet("build", "src/Switchboard", "-c", "Release", "-v", "q", "-nologo", "--disable-build-servers");
            using var p = System.Diagnostics.Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                await p.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet build src/Switchboard -c Release did not finish within 10 minutes");
            }
            var output = await stdout + await stderr;
            Assert.True(p.ExitCode == 0, $"dotnet build src/Switchboard -c Release failed ({p.ExitCode}):\n{Tail(output, 3000)}");
            _built = true;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>Starts the server and waits until the platform admin can sign in.</summary>
    public async Task StartAsync()
    {
        Assert.False(IsRunning, "the server is already running");
        await BuildOnceAsync();
        var psi = Dotnet("run", "--project", "src/Switchboard", "-c", "Release", "--no-build", "--", "--urls", BaseAddress.ToString().TrimEnd('/'));
        psi.Environment["Database__Provider"] = _provider;
        psi.Environment["ConnectionStrings__Switchboard"] = _connectionString;
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        psi.Environment["Bootstrap__AdminEmail"] = SwitchboardApp.AdminEmail;
        psi.Environment["Bootstrap__AdminPassword"] = SwitchboardApp.AdminPassword;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Log($"---- starting {string.Join(' ', psi.ArgumentList)}");
        var p = new System.Diagnostics.Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited) Assert.Fail($"the server exited with {p.ExitCode} while starting:\n{LogTail()}");
            try
            {
                var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = SwitchboardApp.AdminEmail, password = SwitchboardApp.AdminPassword });
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // Not listening yet; a socket can also fail raw while the killed server's port is released.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"the server did not answer within 2 minutes:\n{LogTail()}");
    }

    /// <summary>SIGKILL for the whole tree (dotnet run and the server it started): no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Log("---- killed");
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Peak resident memory (VmHWM) in MB of the server: the largest of `dotnet run` and the
    /// processes under it (the server itself is its child).
    /// </summary>
    public long PeakMegabytes() => ProcessTree().Select(pid => StatusKb(pid, "VmHWM:")).DefaultIfEmpty(0).Max() / 1024;

    /// <summary>Starts a new peak: Linux resets VmHWM to the current resident size when 5 is written to clear_refs.</summary>
    public void ResetPeak()
    {
        foreach (var pid in ProcessTree())
        {
            try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); }
            catch (IOException) { } // the process just ended
        }
    }

    private List<int> ProcessTree()
    {
        var tree = new List<int>();
        if (_process is not { HasExited: false } p) return tree;
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatusKb(pid, "PPid:") is var ppid and > 0) parents[pid] = (int)ppid;
        }
        tree.Add(p.Id);
        for (var i = 0; i < tree.Count; i++) tree.AddRange(parents.Where(kv => kv.Value == tree[i]).Select(kv => kv.Key));
        return tree;
    }

    /// <summary>A number field of /proc/PID/status (kB for memory fields); 0 when the process is gone.</summary>
    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"sign-in of {email}: {(int)r.StatusCode} {text}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(text)!["token"]!.GetValue<string>());
        return http;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword);

    public string LogTail(int chars = 4000)
    {
        lock (_logLock)
        {
            return File.Exists(LogPath) ? Tail(File.ReadAllText(LogPath), chars) : "(no log)";
        }
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Log(string line)
    {
        lock (_logLock)
        {
            File.AppendAllText(LogPath, line + "\n");
        }
    }

    private static ProcessStartInfo Dotnet(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The test host runs under MSBuild/VSTest variables that would steer a nested build or run.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                psi.Environment.Remove(key);
        }
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return psi;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string Tail(string s, int chars) => s.Length <= chars ? s : "…" + s[^chars..];
}
