using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Tests.Sip;

/// <summary>
/// A real Kamailio on loopback with free ports, started with the shipped deploy/kamailio/kamailio.cfg
/// exactly as docs/kamailio.md shows (defines for the database, the SIP and RPC sockets, the RPC
/// allow list), against a test database. One per test class: starting one takes about a second.
/// </summary>
public sealed class KamailioProcess : IDisposable
{
    public int SipPort { get; }
    public int RpcPort { get; }
    /// <summary>The JSON-RPC endpoint, as Sip:Registrars names it.</summary>
    public string RpcUrl => $"http://127.0.0.1:{RpcPort}/RPC";
    /// <summary>host:port where phones register.</summary>
    public string SipTarget => $"127.0.0.1:{SipPort}";

    private readonly System.Diagnostics.Process _process;
    private readonly string _runDir;
    private readonly StringBuilder _log = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The shipped configuration, found from the test binaries up to the repository.</summary>
    public static string ConfigPath { get; } = Path.Combine(RepositoryRoot(), "deploy", "kamailio", "kamailio.cfg");

    private KamailioProcess(string dbUrl, IReadOnlyDictionary<string, string>? defines)
    {
        (SipPort, RpcPort) = (FreeUdpPort(), FreeTcpPort());
        _runDir = Directory.CreateTempSubdirectory("kamailio-test-").FullName;
        var start = new ProcessStartInfo("kamailio")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = _runDir,
        };
        // Runtime files (the ctl socket) in a folder of its own, so instances never share one.
        foreach (var a in new[] { "-DD", "-E", "-f", ConfigPath, "-Y", _runDir,
                     "-A", $"DBURL=\"{dbUrl}\"", "-A", $"SIP_LISTEN=udp:127.0.0.1:{SipPort}",
                     "-A", $"RPC_LISTEN=tcp:127.0.0.1:{RpcPort}", "-A", "RPC_ALLOW=\"127.0.0.1\"" })
            start.ArgumentList.Add(a);
        foreach (var (name, value) in defines ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add("-A");
            start.ArgumentList.Add($"{name}={value}");
        }
        _process = new System.Diagnostics.Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>What Kamailio logged so far (for assertion messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Starts Kamailio and waits until its JSON-RPC answers.</summary>
    public static async Task<KamailioProcess> StartAsync(string dbUrl, IReadOnlyDictionary<string, string>? defines = null)
    {
        var k = new KamailioProcess(dbUrl, defines);
        for (var i = 0; i < 200; i++)
        {
            if (k._process.HasExited)
            {
                k.Dispose();
                throw new InvalidOperationException($"kamailio exited with {k._process.ExitCode}:\n{k.Log}");
            }
            try
            {
                await k.RpcAsync("core.version");
                return k;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }
        k.Dispose();
        throw new TimeoutException($"kamailio did not answer JSON-RPC:\n{k.Log}");
    }

    /// <summary>Calls a JSON-RPC command; returns its result, or throws with the error Kamailio gave.</summary>
    public async Task<JsonNode?> RpcAsync(string method, params object[] parameters)
    {
        // With a Content-Length: Kamailio's HTTP server does not read chunked bodies.
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", method, @params = parameters, id = 1 });
        var r = await Http.PostAsync(RpcUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await r.Content.ReadAsStringAsync();
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{method}: HTTP {(int)r.StatusCode} {text}");
        var json = JsonNode.Parse(text)!;
        if (json["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return json["result"];
    }

    /// <summary>The contacts registered now for extension@domain (from ul.dump: AoR "ext@domain").</summary>
    public async Task<List<JsonObject>> ContactsAsync(string extension, string domain)
    {
        var dump = await RpcAsync("ul.dump");
        return dump!["Domains"]!.AsArray()
            .SelectMany(d => d!["Domain"]!["AoRs"]!.AsArray())
            .Where(a => a!["Info"]!["AoR"]!.GetValue<string>() == $"{extension}@{domain}")
            .SelectMany(a => a!["Info"]!["Contacts"]!.AsArray().Select(c => c!["Contact"]!.AsObject()))
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started, or already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_runDir, recursive: true); } catch (IOException) { }
    }

    public static int FreeUdpPort(string address = "127.0.0.1")
    {
        using var s = new UdpClient(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)s.Client.LocalEndPoint!).Port;
    }

    public static int FreeTcpPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "kamailio", "kamailio.cfg"))) return dir.FullName;
        throw new InvalidOperationException("deploy/kamailio/kamailio.cfg not found above " + AppContext.BaseDirectory);
    }
}
