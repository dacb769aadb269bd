using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchboard.Tests.Process;

/// <summary>
/// The real server as a child process, started the way the external driver starts it
/// (<c>dotnet run --project src/Switchboard -c Release --no-build -- --urls http://127.0.0.1:PORT</c>)
/// on a free loopback port and its own SQLite file, or on a database it is given (several instances
/// may share one PostgreSQL database), or on a fresh PostgreSQL database it creates and drops. It can
/// be killed hard and started again on the same database. Dispose kills the process tree and deletes
/// the folder. One file for the tests and both benchmarks (linked into bench/*), so it depends on
/// nothing of either: failures are exceptions.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    /// <summary>The first platform administrator (the same as the in-process tests' SwitchboardApp).</summary>
    public const string AdminEmail = "root@platform.test";
    public const string AdminPassword = "Platform-Admin-Pass-42";

    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static bool _built;

    private System.Diagnostics.Process? _process;
    private readonly object _logLock = new();
    private StreamWriter? _log;
    private bool _logClosed;
    private int _logLines;

    /// <summary>A server on its own SQLite file in <see cref="Folder"/>, or on the database given (not dropped here).</summary>
    public ServerProcess(string? provider = null, string? connectionString = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"switchboard-process-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        (Provider, ConnectionString) = provider is null ? ("sqlite", $"Data Source={DatabasePath}") : (provider, connectionString!);
    }

    /// <summary>
    /// A server on a fresh database: its own SQLite file, or (with <paramref name="postgresServer"/>, an
    /// Npgsql connection string without Database) a new PostgreSQL database dropped on Dispose. Started,
    /// with <paramref name="environment"/> added to its <see cref="Environment"/>.
    /// </summary>
    public static async Task<ServerProcess> StartOnFreshDatabaseAsync(string? postgresServer, string prefix = "switchboard_process",
        Action<string>? onOutput = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ServerProcess server;
        if (postgresServer is null)
        {
            server = new ServerProcess();
        }
        else
        {
            var database = $"{prefix}_{Guid.NewGuid():N}";
            await using (var admin = new Npgsql.NpgsqlConnection(postgresServer))
            {
                await admin.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            server = new ServerProcess("postgres", new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString)
            {
                _postgresServer = postgresServer, PostgresDatabase = database,
            };
        }
        server.OnOutput = onOutput;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) server.Environment[k] = v;
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            server.KeepFolder = true;
            server.Dispose();
            throw;
        }
    }

    private string? _postgresServer;

    /// <summary>The PostgreSQL database this instance created (dropped on Dispose unless kept), or null.</summary>
    public string? PostgresDatabase { get; private init; }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; }

    /// <summary>The connection string the server uses (SQLite file or PostgreSQL database).</summary>
    public string ConnectionString { get; }

    /// <summary>More settings for the server, as environment variables (e.g. Logging__Console__FormatterName).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Called with each line the server writes (after it is logged), e.g. to echo some to a console.</summary>
    public Action<string>? OnOutput { get; set; }

    /// <summary>Holds the database and the server's log; deleted on Dispose unless <see cref="KeepFolder"/>.</summary>
    public string Folder { get; }

    /// <summary>Keeps the folder (and a PostgreSQL database this instance created) after Dispose, to look into them.</summary>
    public bool KeepFolder { get; set; }

    public string DatabasePath => Path.Combine(Folder, "switchboard.db");

    /// <summary>
    /// The key file sealing the database's key ring: beside the SQLite file by default; a PostgreSQL
    /// server is pointed here too (its default, data/ under the repository, would be shared by every
    /// test), unless <see cref="Environment"/> names Secrets__KeyFile or Secrets__Key.
    /// </summary>
    public string KeyFile => Path.Combine(Folder, "switchboard.key");

    public string LogPath => Path.Combine(Folder, "server.log");

    /// <summary>Lines the server has written to its log so far.</summary>
    public int LogLines => Volatile.Read(ref _logLines);

    /// <summary>A free loopback port, chosen once: a restart listens where the first start did.</summary>
    public Uri BaseAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server's process ID while it runs (a profiler attaches to it).</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The folder holding Switchboard.sln, found by walking up from the running binaries.</summary>
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

    /// <summary>Builds the server in Release once per process (dotnet run --no-build needs it).</summary>
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
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"dotnet build src/Switchboard -c Release failed ({p.ExitCode}):\n{Tail(output, 3000)}");
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
        var p = await LaunchAsync();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited) throw new InvalidOperationException($"the server exited with {p.ExitCode} while starting:\n{LogTail()}");
            try
            {
                var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException or IOException)
            {
                // Not listening yet; a socket can also fail raw while the killed server's port is released.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the server did not answer within 2 minutes:\n{LogTail()}");
    }

    /// <summary>
    /// Starts a server that should refuse to start: waits for it to exit (its output is then in the
    /// log) and answers its exit code. One still running after 2 minutes is killed and reported.
    /// </summary>
    public async Task<int> StartExpectingExitAsync()
    {
        var p = await LaunchAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the server was expected to exit, but still ran after 2 minutes:\n{LogTail()}");
        }
        var code = p.ExitCode;
        Log($"---- exited with {code}");
        p.Dispose();
        _process = null;
        return code;
    }

    private async Task<System.Diagnostics.Process> LaunchAsync()
    {
        if (IsRunning) throw new InvalidOperationException("the server is already running");
        await BuildOnceAsync();
        var psi = Dotnet("run", "--project", "src/Switchboard", "-c", "Release", "--no-build", "--", "--urls", BaseAddress.ToString().TrimEnd('/'));
        psi.Environment["Database__Provider"] = Provider;
        psi.Environment["ConnectionStrings__Switchboard"] = ConnectionString;
        if (Provider == "postgres" && !Environment.ContainsKey("Secrets__KeyFile") && !Environment.ContainsKey("Secrets__Key"))
            psi.Environment["Secrets__KeyFile"] = KeyFile;
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        psi.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        psi.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Log($"---- starting {string.Join(' ', psi.ArgumentList)}");
        var p = new System.Diagnostics.Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => Output(e.Data);
        p.ErrorDataReceived += (_, e) => Output(e.Data is null ? null : "[stderr] " + e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        return p;
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

    /// <summary>Resident memory (VmRSS) now, in MB, of the largest process of the server.</summary>
    public long ResidentMegabytes() => ProcessTree().Select(pid => StatusKb(pid, "VmRSS:")).DefaultIfEmpty(0).Max() / 1024;

    /// <summary>Starts a new peak: Linux resets VmHWM to the current resident size when 5 is written to clear_refs.</summary>
    public void ResetPeak()
    {
        foreach (var pid in ProcessTree())
        {
            try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); }
            catch (IOException) { } // the process just ended
        }
    }

    /// <summary>CPU time (user + system) the server's processes used so far, in seconds.</summary>
    public double CpuSeconds()
    {
        double ticks = 0;
        foreach (var pid in ProcessTree())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
        }
        return ticks / 100.0; // USER_HZ
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

    /// <summary>An HTTP client signed in with a bearer token (waits up to <paramref name="timeout"/>, 2 minutes by default, per request).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var text = await r.Content.ReadAsStringAsync();
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in of {email}: {(int)r.StatusCode} {text}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(text)!["token"]!.GetValue<string>());
        return http;
    }

    public Task<HttpClient> AdminAsync(TimeSpan? timeout = null) => SignInAsync(AdminEmail, AdminPassword, timeout);

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
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
            _logClosed = true;
        }
        if (KeepFolder) return;
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
        if (PostgresDatabase is null) return;
        using var admin = new Npgsql.NpgsqlConnection(_postgresServer);
        admin.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    private void Output(string? line)
    {
        if (line is null) return;
        Log(line);
        Interlocked.Increment(ref _logLines);
        OnOutput?.Invoke(line);
    }

    private void Log(string line)
    {
        lock (_logLock)
        {
            // Kept open: a server that logs every request (a boot storm's 20,000 fetches) would otherwise cost
            // this process an open and a close per line, on the cores the server is measured on.
            if (_logClosed) return;
            _log ??= new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _log.Write(line + "\n");
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
