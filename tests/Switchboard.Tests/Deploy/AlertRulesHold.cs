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
    [Fact]
    public async Task Promtool_accepts_the_three_rules_and_their_unit_tests_pass()
    {
        var promtool = Environment.GetEnvironmentVariable("SWITCHBOARD_PROMTOOL") is { Length: > 0 } set ? set : "/usr/bin/promtool";
        Assert.True(File.Exists(promtool), $"promtool is not at {promtool}: ./test.sh unpacks it from Debian's prometheus package and sets SWITCHBOARD_PROMTOOL.");

        var check = await RepoCommand.RunAsync(promtool, null, "check", "rules", "deploy/prometheus/switchboard-alerts.yml");
        Assert.Contains("SUCCESS: 3 rules found", check, StringComparison.Ordinal);

        var test = await RepoCommand.RunAsync(promtool, null, "test", "rules", "deploy/prometheus/switchboard-alerts.test.yml");
        Assert.Contains("SUCCESS", test, StringComparison.Ordinal);
    }
}
