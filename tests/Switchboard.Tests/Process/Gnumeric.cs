using System.Diagnostics;

namespace Switchboard.Tests.Process;

/// <summary>
/// The real Gnumeric (<c>ssconvert</c>), a spreadsheet that takes a leading apostrophe as a "this is
/// text" marker and drops it, as Google Sheets does. Not installed = the test fails (never skips).
/// </summary>
public static class Gnumeric
{
    /// <summary>Converts <paramref name="input"/> to <paramref name="output"/>; the file names' extensions choose the formats.</summary>
    public static void Convert(string input, string output)
    {
        var ssconvert = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "ssconvert"))
            .FirstOrDefault(File.Exists) ?? throw new Xunit.Sdk.XunitException(
                "Gnumeric is not installed: `ssconvert` is not on PATH. This test runs the real program and is never skipped; " +
                "install it with `apt-get install -y gnumeric` (CI does).");
        var psi = new ProcessStartInfo(ssconvert) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(input);
        psi.ArgumentList.Add(output);
        File.Delete(output);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"ssconvert {input} {output} did not finish within 3 minutes");
        }
        if (p.ExitCode != 0 || !File.Exists(output))
            throw new Xunit.Sdk.XunitException($"ssconvert {input} {output} failed (exit {p.ExitCode}): {stdout.Result}{stderr.Result}");
    }
}
