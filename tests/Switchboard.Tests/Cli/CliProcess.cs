using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>What one run of the command line left: its exit code and everything it wrote.</summary>
public sealed record CliResult(int Code, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    public override string ToString() => $"exit {Code}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The built `switchboard` (src/Switchboard.Cli, built before the tests by the test project's
/// ProjectReference) run as a process, as a user whose home and config directory are a folder of
/// its own, with none of the SWITCHBOARD_* variables of the machine running the tests.
/// </summary>
public sealed class CliUser : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Dll
    {
        get
        {
            var dll = Path.Combine(ServerProcess.RepoRoot, "src", "Switchboard.Cli", "bin", Configuration, "net10.0", "switchboard.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the test project's ProjectReference builds the CLI");
            return dll;
        }
    }

    public string Home { get; } = Path.Combine(Path.GetTempPath(), $"switchboard-cli-{Guid.NewGuid():N}");

    /// <summary>Writes a file in this user's home (where the CLI reads and writes its files) and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Home, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string ConfigFile => Path.Combine(Home, ".config", "switchboard", "login.json");

    /// <summary>Variables set for every run (e.g. SWITCHBOARD_SERVER).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public CliUser() => Directory.CreateDirectory(Home);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("SWITCHBOARD_", StringComparison.Ordinal) || key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                psi.Environment.Remove(key);
        }
        psi.Environment["HOME"] = Home;
        psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        return psi;
    }

    /// <summary>Runs the command line to its end (2 minutes at most), with <paramref name="stdin"/> as its standard input.</summary>
    public Task<CliResult> RunWithInputAsync(string? stdin, params string[] args) => RunToEndAsync(StartInfo(args), stdin, args);

    /// <summary>
    /// Runs the command line on a pseudo-terminal, as from a user's shell: util-linux's `script` gives it
    /// one for its stdin, stdout and stderr. The result's stdout is everything the terminal received.
    /// </summary>
    public Task<CliResult> RunOnTerminalAsync(params string[] args)
    {
        var inner = StartInfo(args);
        var command = string.Join(' ', new[] { inner.FileName }.Concat(inner.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var psi = new ProcessStartInfo("script")
        {
            WorkingDirectory = inner.WorkingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in inner.Environment) psi.Environment[k] = v;
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";
        return RunToEndAsync(psi, null, args);
    }

    private static async Task<CliResult> RunToEndAsync(ProcessStartInfo psi, string? stdin, string[] args)
    {
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"switchboard {string.Join(' ', args)} did not end within 2 minutes:\n{await stderr}");
        }
        await copy;
        return new CliResult(p.ExitCode, stdout.ToArray(), await stderr);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>Sends SIGINT, as Ctrl-C on a terminal does (`dotnet switchboard.dll` runs the CLI in the process started).</summary>
    public static void Interrupt(System.Diagnostics.Process p) => Assert.Equal(0, kill(p.Id, 2));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
