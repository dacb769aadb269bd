using System.Diagnostics;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Deploy;

/// <summary>A command run from the repository's root, as the docs' walkthroughs run it; fails the test unless it exits 0.</summary>
internal static class RepoCommand
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> (and <paramref name="environment"/> added) and returns its stdout then stderr.</summary>
    public static async Task<string> RunAsync(string file, Dictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = ServerProcess.RepoRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        foreach (var (k, v) in environment ?? []) psi.Environment[k] = v;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {p.ExitCode}:\n{output}");
        return output;
    }
}
