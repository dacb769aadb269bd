using System.Diagnostics;
using System.Text;

namespace Switchboard.Tests.Process;

/// <summary>
/// The real LibreOffice (<c>soffice --headless --convert-to</c>) on a private user profile, so runs
/// never share or collide on ~/.config/libreoffice. Not installed = the test fails (never skips).
/// </summary>
public sealed class LibreOffice : IDisposable
{
    private readonly string _soffice;
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"lo-profile-{Guid.NewGuid():N}");

    public LibreOffice()
    {
        _soffice = FindOnPath("soffice") ?? throw new Xunit.Sdk.XunitException(
            "LibreOffice is not installed: `soffice` is not on PATH. This test runs the real program and is never skipped; " +
            "install it with `apt-get install -y libreoffice-calc` (CI does).");
    }

    /// <summary>
    /// Converts <paramref name="input"/> into <paramref name="outDir"/> (<c>--convert-to</c>
    /// <paramref name="convertTo"/>, e.g. <c>xlsx</c> or <c>csv:Text - txt - csv (StarCalc):44,34,76,1</c>),
    /// reading it with <c>--infilter</c> when given. Returns the path of the file written.
    /// </summary>
    public string Convert(string input, string convertTo, string outDir, string? infilter = null)
    {
        Directory.CreateDirectory(outDir);
        var psi = new ProcessStartInfo(_soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add($"-env:UserInstallation={new Uri(_profile + "/").AbsoluteUri}");
        psi.ArgumentList.Add("--headless");
        psi.ArgumentList.Add("--norestore");
        if (infilter is not null) psi.ArgumentList.Add($"--infilter={infilter}");
        psi.ArgumentList.Add("--convert-to");
        psi.ArgumentList.Add(convertTo);
        psi.ArgumentList.Add("--outdir");
        psi.ArgumentList.Add(outDir);
        psi.ArgumentList.Add(input);

        var extension = convertTo.Split(':')[0];
        var result = Path.Combine(outDir, Path.GetFileNameWithoutExtension(input) + "." + extension);
        File.Delete(result);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"soffice did not finish within 3 minutes: {Describe(psi)}");
        }
        var log = stdout.Result + stderr.Result;
        if (p.ExitCode != 0 || !File.Exists(result))
            throw new Xunit.Sdk.XunitException($"soffice failed (exit {p.ExitCode}, {result} {(File.Exists(result) ? "written" : "missing")}): {Describe(psi)}\n{log}");
        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Describe(ProcessStartInfo psi)
    {
        var sb = new StringBuilder(psi.FileName);
        foreach (var a in psi.ArgumentList) sb.Append(" '").Append(a).Append('\'');
        return sb.ToString();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
