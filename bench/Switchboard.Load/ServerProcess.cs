using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Load;

/// <summary>
/// A Release build of Switchboard started as its own process on a free port on 127.0.0.1 and a fresh
/// database: a SQLite file, or a new database on the (loopback) PostgreSQL server given, dropped on
/// Dispose. Everything the server writes to stdout and stderr goes to server.log in its directory.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string AdminEmail = "load-admin@load.test";
    public const string AdminPassword = "Load-Admin-Pass-42";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private string? _postgresServer;
    public string Directory { get; }
    public Uri BaseAddress { get; }
    public string Provider { get; private set; } = "sqlite";
    /// <summary>The connection string the server uses (SQLite file or PostgreSQL database).</summary>
    public string ConnectionString { get; private set; } = "";
    public string? PostgresDatabase { get; private set; }
    public string LogPath => Path.Combine(Directory, "server.log");
    public bool KeepDirectory { get; set; }
    private int _lines;
    /// <summary>Lines the server has written to its log so far.</summary>
    public int LogLines => Volatile.Read(ref _lines);

    private ServerProcess(Process process, string dir, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        Directory = dir;
        BaseAddress = baseAddress;
        _log = log;
    }

    public static async Task<ServerProcess> StartAsync(string repoRoot, string? postgres)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("switchboard-load-").FullName;
        string? database = null;
        var connection = $"Data Source={Path.Combine(dir, "switchboard.db")}";
        if (postgres is not null)
        {
            database = $"switchboard_load_{Guid.NewGuid():N}";
            await using var admin = new Npgsql.NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
            connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host))) throw new InvalidOperationException("loopback only");
        var psi = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(repoRoot, "src", "Switchboard"), "-c", "Release", "--no-build", "--", "--urls", baseAddress.ToString().TrimEnd('/')])
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
        var log = new StreamWriter(Path.Combine(dir, "server.log")) { AutoFlush = true };
        var p = Process.Start(psi)!;
        var server = new ServerProcess(p, dir, baseAddress, log)
        {
            _postgresServer = postgres, PostgresDatabase = database, ConnectionString = connection,
            Provider = postgres is null ? "sqlite" : "postgres",
        };
        p.OutputDataReceived += (_, e) => server.Write(e.Data);
        p.ErrorDataReceived += (_, e) => server.Write(e.Data is null ? null : "[stderr] " + e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (p.HasExited)
            {
                server.KeepDirectory = true;
                server.Dispose();
                throw new InvalidOperationException($"Switchboard exited during start; see {server.LogPath}");
            }
            await Task.Delay(500);
        }
        server.KeepDirectory = true;
        server.Dispose();
        throw new TimeoutException($"Switchboard did not start; see {server.LogPath}");
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.WriteLine(line);
            _lines++;
        }
    }

    /// <summary>The server's processes: `dotnet run` and the app it started.</summary>
    private IEnumerable<int> Pids()
    {
        yield return _process.Id;
        foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string? ppid = null;
            try
            {
                ppid = File.ReadAllLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("PPid:"))?.Split(':')[1].Trim();
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (ppid == _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) yield return pid;
        }
    }

    /// <summary>Peak resident memory (VmHWM) of the largest server process, in MB.</summary>
    public long PeakMegabytes()
    {
        long best = 0;
        foreach (var pid in Pids())
        {
            try
            {
                var hwm = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
                if (hwm is not null) best = Math.Max(best, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024);
            }
            catch (IOException) { }
        }
        return best;
    }

    /// <summary>CPU time (user + system) the server's processes used so far, in seconds.</summary>
    public double CpuSeconds()
    {
        double ticks = 0;
        foreach (var pid in Pids())
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

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10000);
        }
        catch (InvalidOperationException) { }
        lock (_log) _log.Dispose();
        if (!KeepDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
        if (PostgresDatabase is null || KeepDirectory) return;
        using var admin = new Npgsql.NpgsqlConnection(_postgresServer);
        admin.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
