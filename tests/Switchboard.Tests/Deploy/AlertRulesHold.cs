using System.Diagnostics;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Deploy;

/// <summary>
/// The shipped alerts (deploy/prometheus/switchboard-alerts.yml) as Prometheus reads them: promtool
/// checks the rules and runs their unit tests (switchboard-alerts.test.yml: each alert fires when it
/// should, not before its <c>for</c>, and not for a refused file). promtool is Debian's: test.sh
/// unpacks it from the prometheus package and names it in SWITCHBOARD_PROMTOOL. The metric names the
/// rules use are checked against a real scrape in Http/Hosting/MetricsAreExported.
/// </summary>
public sealed class AlertRulesHold
{
    private static readonly string Folder = Path.Combine(ServerProcess.RepoRoot, "deploy", "prometheus");

    [Fact]
    public async Task Promtool_accepts_the_three_rules_and_their_unit_tests_pass()
    {
        var check = await Promtool("check", "rules", "switchboard-alerts.yml");
        Assert.True(check.Code == 0, check.Output);
        Assert.Contains("SUCCESS: 3 rules found", check.Output, StringComparison.Ordinal);

        var test = await Promtool("test", "rules", "switchboard-alerts.test.yml");
        Assert.True(test.Code == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> Promtool(params string[] args)
    {
        var promtool = Environment.GetEnvironmentVariable("SWITCHBOARD_PROMTOOL") is { Length: > 0 } set ? set : "promtool";
        var psi = new ProcessStartInfo(promtool) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        System.Diagnostics.Process p;
        try
        {
            p = System.Diagnostics.Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"promtool ({promtool}) could not be started: {e.Message}. ./test.sh unpacks it from Debian's prometheus package and sets SWITCHBOARD_PROMTOOL.", e);
        }
        using (p)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            return (p.ExitCode, await output + await error);
        }
    }
}
