using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>
/// On a terminal, `users import` shows a live progress bar on stderr (Spectre.Console) and still ends
/// with its plain totals. The CLI runs on a pseudo-terminal (CliUser.RunOnTerminalAsync); what the terminal
/// received is read back.
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
        var csv = CliServer.UsersCsv(Enumerable.Range(0, rows).Select(i => CliServer.User(tag, i, extension: $"{6000 + i}")));
        Assert.True(Encoding.UTF8.GetByteCount(csv) < CliServer.MaxFileBytes, "the file fits the test server's upload limit");
        var file = cli.WriteFile("many.csv", csv);

        var run = await cli.RunOnTerminalAsync("users", "import", file);
        var terminal = run.Stdout;
        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("\u001b[", terminal, StringComparison.Ordinal); // drawn with terminal control sequences
        Assert.Contains("━", terminal, StringComparison.Ordinal);       // Spectre's bar
        Assert.Contains("100%", terminal, StringComparison.Ordinal);      // the bar filled when the job completed
        Assert.Matches(@"import \d+", terminal);
        Assert.Contains($"created: {rows}", terminal, StringComparison.Ordinal);
        Assert.Contains("failed: 0", terminal, StringComparison.Ordinal);
    }
}
