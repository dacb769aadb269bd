using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Tests.Http.Phones;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Hosting;

/// <summary>
/// GET /metrics in Prometheus text format: Switchboard's own counters move with imports, undos and
/// provisioning fetches, and only addresses in Metrics:AllowedNetworks (loopback by default) are
/// answered; anyone else gets a 404. Other test classes share the process's meters, so the checks
/// compare a scrape before with one after and ask for at least this test's share.
/// </summary>
public sealed partial class MetricsAreExported(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task An_import_and_its_undo_are_counted_with_their_rows_and_duration()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var before = await ScrapeAsync(app);
        var import = await a1.ImportRows([w.Soft(), w.Soft(), w.Soft(("Email", "not-an-email"))]);
        import.AssertCounts(created: 2, failed: 1);
        (await a1.ImportRows([w.Soft()], dryRun: true)).AssertCounts(created: 1);
        await a1.Undo(import.Id);
        var after = await ScrapeAsync(app);

        AtLeast(1, before, after, "switchboard_imports_total", ("outcome", "completed"), ("dry_run", "false"));
        AtLeast(1, before, after, "switchboard_imports_total", ("outcome", "completed"), ("dry_run", "true"));
        AtLeast(2, before, after, "switchboard_import_rows_total", ("outcome", "created"), ("dry_run", "false"));
        AtLeast(1, before, after, "switchboard_import_rows_total", ("outcome", "failed"), ("dry_run", "false"));
        AtLeast(1, before, after, "switchboard_import_rows_total", ("outcome", "created"), ("dry_run", "true"));
        AtLeast(2, before, after, "switchboard_import_duration_seconds_count", ("outcome", "completed"));
        AtLeast(1, before, after, "switchboard_undos_total", ("outcome", "completed"));
    }

    [Fact]
    public async Task Provisioning_fetches_are_counted_by_outcome()
    {
        var p = await ProvisioningWorld.CreateAsync(app);
        var (_, mac) = await p.DeskPhoneAsync();
        var file = PhoneFetch.Hex(mac) + ".cfg";
        var before = await ScrapeAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await p.Fetch(app, file)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await p.Fetch(app, file, PhoneAuth.None)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Fetch(app, file, PhoneAuth.DigestMd5, https: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Fetch(app, "0015650000a1.cfg")).Status);
        var after = await ScrapeAsync(app);

        AtLeast(1, before, after, "switchboard_provisioning_fetches_total", ("outcome", "served"));
        AtLeast(1, before, after, "switchboard_provisioning_fetches_total", ("outcome", "challenged"));
        AtLeast(1, before, after, "switchboard_provisioning_fetches_total", ("outcome", "refused"));
        AtLeast(1, before, after, "switchboard_provisioning_fetches_total", ("outcome", "not_found"));
    }

    [Fact]
    public async Task Loopback_reads_the_runtime_and_request_metrics_and_other_addresses_get_404()
    {
        // A request that has finished before the scrape (the scrape's own is still running), whichever test runs first.
        // ASP.NET Core records a request's duration after its response has reached the client, so a scrape
        // right behind it may come before the recording: scrape again for a while before calling it missing.
        using (var client = app.CreateClient()) (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var text = await ScrapeAsync(app);
        for (var i = 0; i < 50 && !text.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            text = await ScrapeAsync(app);
        }
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"switchboard\"", text, StringComparison.Ordinal);

        var refused = await GetMetrics(app, from: "203.0.113.5");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("dotnet_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_metric_the_shipped_alerts_name_is_exported_with_the_registrar_label()
    {
        // Nothing listens on the discard port: the registrar does not answer, and its gauge says so.
        using var host = new SwitchboardApp();
        const string registrar = "http://127.0.0.1:9/RPC";
        host.ExtraSettings["Sip:Registrars:0"] = registrar;
        var w = await World.CreateAsync(host);
        var a1 = w.As["A1"];
        var import = await a1.ImportRows([w.Soft()]);
        await a1.Undo(import.Id);
        var listing = await a1.GetJson("/api/v1/registrations");
        Assert.False(listing["complete"]!.GetValue<bool>());
        var text = await ScrapeAsync(host);

        var rules = File.ReadAllText(Path.Combine(Switchboard.Tests.Process.ServerProcess.RepoRoot, "deploy", "prometheus", "switchboard-alerts.yml"));
        var named = SwitchboardMetric().Matches(rules).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(named);
        foreach (var name in named)
            Assert.True(text.Split('\n').Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)),
                $"the alerts name {name}, which /metrics does not export");
        var gauge = text.Split('\n').SingleOrDefault(l => l.StartsWith("switchboard_registrar_up{", StringComparison.Ordinal) &&
                                                           l.Contains($"registrar=\"{registrar}\"", StringComparison.Ordinal));
        Assert.True(gauge is not null, "no switchboard_registrar_up sample for the unanswering registrar:\n" + text);
        Assert.Equal(0, Sum(gauge, "switchboard_registrar_up"));
    }

    [Fact]
    public async Task Configured_networks_replace_loopback()
    {
        using var other = new SwitchboardApp();
        other.ExtraSettings["Metrics:AllowedNetworks:0"] = "203.0.113.0/24";
        other.ExtraSettings["Metrics:AllowedNetworks:1"] = "2001:db8::7";
        Assert.Equal(HttpStatusCode.OK, (await GetMetrics(other, from: "203.0.113.5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMetrics(other, from: "2001:db8::7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetMetrics(other, from: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetMetrics(other, from: "198.51.100.5")).StatusCode);
    }

    /// <summary>GET /metrics as the caller at <paramref name="from"/> (through the trusted loopback proxy), or as loopback itself.</summary>
    private static async Task<HttpResponseMessage> GetMetrics(SwitchboardApp host, string? from = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (from is not null) request.Headers.Add("X-Forwarded-For", from);
        return await host.CreateClient().SendAsync(request);
    }

    public static async Task<string> ScrapeAsync(SwitchboardApp host)
    {
        var r = await GetMetrics(host);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)r.StatusCode}: {text}");
        Assert.StartsWith("text/plain", r.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return text;
    }

    private static void AtLeast(double more, string before, string after, string name, params (string Label, string Value)[] labels)
    {
        var (b, a) = (Sum(before, name, labels), Sum(after, name, labels));
        Assert.True(a - b >= more, $"{name}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}} went from {b} to {a}, expected at least +{more}");
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static double Sum(string text, string name, params (string Label, string Value)[] labels) =>
        text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name &&
                        labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\bswitchboard_[a-z_]+\b")]
    private static partial Regex SwitchboardMetric();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}
