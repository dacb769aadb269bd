using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Deploy;

/// <summary>
/// docs/deploy.md's walkthrough as its commands run it, into a temporary root instead of the machine:
/// `dotnet publish` (framework-dependent, from the Release build), `deploy/install.sh` with ROOT set,
/// systemd's own check of the installed unit, and then the server started exactly as that unit says
/// (its working directory, command line, environment, umask, and state directory), which must come
/// up ready with its database and a 0600 secrets key in /var/lib/switchboard.
/// </summary>
[Collection(ServerProcessCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and systemd are the subject
public sealed class InstallScriptFollowsTheWalkthrough : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"switchboard-deploy-{Guid.NewGuid():N}");
    private System.Diagnostics.Process? _server;

    private string Root => Path.Combine(_folder, "root");

    public void Dispose()
    {
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_published_build_installs_under_a_root_and_starts_as_its_unit_says()
    {
        Directory.CreateDirectory(Root);
        await ServerProcess.BuildOnceAsync();
        var published = Path.Combine(_folder, "published");
        // The walkthrough's framework-dependent publish (the Release build is already there).
        await RepoCommand.RunAsync("dotnet", null, "publish", "src/Switchboard", "-c", "Release", "--no-build", "-o", published);

        var install = await RepoCommand.RunAsync("sh", new() { ["ROOT"] = Root }, "deploy/install.sh", published);
        Assert.Contains($"Switchboard installed in {Root}/opt/switchboard", install, StringComparison.Ordinal);
        // Run again, as an upgrade does: the operator's files stay, the previous build is kept.
        File.AppendAllText(Path.Combine(Root, "etc/switchboard/switchboard.env"), "Provisioning__Realm=kept\n");
        await RepoCommand.RunAsync("sh", new() { ["ROOT"] = Root }, "deploy/install.sh", published);
        Assert.EndsWith("Provisioning__Realm=kept\n", File.ReadAllText(Path.Combine(Root, "etc/switchboard/switchboard.env")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "opt/switchboard.previous/Switchboard.dll")));

        var unit = Path.Combine(Root, "etc/systemd/system/switchboard.service");
        Assert.Equal(File.ReadAllText(Repo("deploy/systemd/switchboard.service")), File.ReadAllText(unit));
        Assert.Equal(File.ReadAllText(Repo("deploy/nginx/switchboard.conf")), File.ReadAllText(Path.Combine(Root, "etc/nginx/sites-enabled/switchboard.conf")));
        Assert.Equal("../sites-available/switchboard.conf", new FileInfo(Path.Combine(Root, "etc/nginx/sites-enabled/switchboard.conf")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            File.GetUnixFileMode(Path.Combine(Root, "etc/switchboard/switchboard.env")));
        Assert.True(File.Exists(Path.Combine(Root, "etc/switchboard/kamailio.cfg")));

        // systemd's own reading of the installed units: every directive known, ExecStart there and executable
        // (under the root, which needs systemd's own units beside ours, as a machine has them).
        Directory.CreateDirectory(Path.Combine(Root, "usr/lib/systemd"));
        await RepoCommand.RunAsync("cp", null, "-a", "/usr/lib/systemd/system", Path.Combine(Root, "usr/lib/systemd/"));
        await RepoCommand.RunAsync("systemd-analyze", null, "verify", $"--root={Root}", unit);
        await RepoCommand.RunAsync("systemd-analyze", null, "verify", Repo("deploy/systemd/kamailio-switchboard.service"));

        var port = FreePort();
        _server = StartAsTheUnitSays(File.ReadAllLines(unit), port);
        var state = Path.Combine(Root, "var/lib/switchboard");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var ready = false;
        for (var i = 0; i < 480 && !ready; i++)
        {
            Assert.False(_server.HasExited, $"the installed server exited with {(_server.HasExited ? _server.ExitCode : 0)}");
            try { ready = (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (!ready) await Task.Delay(250);
        }
        Assert.True(ready, "the installed server did not answer /readyz");
        Assert.True(File.Exists(Path.Combine(state, "switchboard.db")), "the database is in the state directory");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "switchboard.key")));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
    }

    /// <summary>
    /// What systemd would run: WorkingDirectory, ExecStart (listening on <paramref name="port"/>), every
    /// Environment= line, UMask, and StateDirectory made first — with /opt and /var/lib under the root.
    /// </summary>
    private System.Diagnostics.Process StartAsTheUnitSays(string[] lines, int port)
    {
        string Under(string path) => path.Replace("/opt/switchboard", Root + "/opt/switchboard", StringComparison.Ordinal)
            .Replace("/var/lib/switchboard", Root + "/var/lib/switchboard", StringComparison.Ordinal);
        var directives = Directives(lines);
        var state = Path.Combine(Root, "var/lib", directives["StateDirectory"].Single());
        Directory.CreateDirectory(state);
        var exec = Under(directives["ExecStart"].Single()).Replace("127.0.0.1:5080", $"127.0.0.1:{port}", StringComparison.Ordinal);
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = Under(directives["WorkingDirectory"].Single()), UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"umask {directives["UMask"].Single()} && exec {exec}");
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        foreach (var assignment in directives["Environment"])
        {
            var value = assignment.Trim('"');
            var eq = value.IndexOf('=');
            psi.Environment[value[..eq]] = Under(value[(eq + 1)..]);
        }
        psi.Environment["Bootstrap__AdminPassword"] = ServerProcess.AdminPassword;
        var p = System.Diagnostics.Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>The [Service] directives by name (a name may repeat), with continued lines joined.</summary>
    private static Dictionary<string, List<string>> Directives(string[] lines)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or '[')))
        {
            var eq = line.IndexOf('=');
            var (name, value) = (line[..eq], line[(eq + 1)..]);
            if (!result.TryGetValue(name, out var list)) result[name] = list = [];
            list.Add(value);
        }
        return result;
    }

    private static string Repo(string path) => Path.Combine(ServerProcess.RepoRoot, path);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
