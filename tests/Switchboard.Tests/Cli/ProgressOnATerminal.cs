using System.Diagnostics;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>
/// On a terminal, `users import` shows a live progress bar on stderr (Spectre.Console) and still ends
/// with its plain totals. The CLI runs under util-linux's `script`, which gives it a pseudo-terminal as
/// a user's shell would; what the terminal received is read back from script's output.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ProgressOnATerminal(CliServer host) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Import_on_a_terminal_draws_a_progress_bar_and_prints_its_totals()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        const int rows = 3000;
        var csv = CliServer.UsersCsv(Enumerable.Range(0, rows).Select(i => (IDictionary<string, string>)new Dictionary<string, string>
        {
            ["First Name"] = $"Bar{i}", ["Last Name"] = "Terminal", ["Email"] = $"bar{i}-{tag}@example.test", ["Extension"] = $"{6000 + i}",
        }));
        Assert.True(Encoding.UTF8.GetByteCount(csv) < CliServer.MaxFileBytes, "the file fits the test server's upload limit");
        var file = cli.WriteFile("many.csv", csv);

        var inner = cli.StartInfo("users", "import", file);
        var command = string.Join(' ', new[] { inner.FileName }.Concat(inner.ArgumentList).Select(Quote));
        var psi = new ProcessStartInfo("script") { WorkingDirectory = inner.WorkingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in inner.Environment) psi.Environment[k] = v;
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        var terminal = await stdout;
        var shown = $"exit {p.ExitCode}\n--- terminal\n{terminal}\n--- script's stderr\n{await stderr}";

        Assert.True(p.ExitCode == 0, shown);
        Assert.Contains("\u001b[", terminal, StringComparison.Ordinal); // drawn with terminal control sequences
        Assert.Contains("━", terminal, StringComparison.Ordinal);       // Spectre's bar
        Assert.Contains("100%", terminal, StringComparison.Ordinal);      // the bar filled when the job completed
        Assert.Matches(@"import \d+", terminal);
        Assert.Contains($"created: {rows}", terminal, StringComparison.Ordinal);
        Assert.Contains("failed: 0", terminal, StringComparison.Ordinal);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
