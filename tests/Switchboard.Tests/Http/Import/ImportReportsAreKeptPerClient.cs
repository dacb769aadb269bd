using System.Net;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Reports are kept: the client's imports are listed with who ran them and when, and no other client sees them.</summary>
public sealed class ImportReportsAreKeptPerClient(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Each_client_lists_its_own_imports_with_their_reports_and_never_another_clients()
    {
        var w = await World.CreateAsync(app);
        var first = await w.As["A1"].ImportRows([w.Soft(), w.Soft(("Extension", "bad"))]);
        var second = await w.As["A1"].ImportRows([w.Soft()], dryRun: true);
        var other = await w.As["A2"].ImportRows([w.Soft()]);
        var b1 = await w.As["B1"].ImportRows([w.Soft()]);

        var list = (await w.As["A1"].GetJson("/api/v1/imports")).Items();
        Assert.Equal([second.Id, first.Id], list.Select(i => i.Id()));   // newest first
        Assert.All(list, i => Assert.Equal(w.Emails["A1"], i.Str("runBy")));
        Assert.All(list, i => Assert.False(string.IsNullOrEmpty(i.Str("createdAt"))));
        Assert.True(list[0]["dryRun"]!.GetValue<bool>());

        // The report is kept and reads the same later.
        var again = new ImportResult(await w.As["A1"].GetJson($"/api/v1/imports/{first.Id}"));
        again.AssertCounts(created: 1, failed: 1);
        Assert.Equal(first.Causes(3), again.Causes(3));

        var a2List = (await w.As["A2"].GetJson("/api/v1/imports")).Items().Select(i => i.Id()).ToList();
        Assert.Equal([other.Id], a2List);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["A2"].GetAsync($"/api/v1/imports/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["A2"].GetAsync($"/api/v1/imports/{first.Id}/failed-rows.csv")).StatusCode);
        Assert.Empty((await w.As["A2"].GetJson($"/api/v1/imports?clientId={w.CA1}")).Items());

        // The reseller sees its clients' imports; the other reseller sees none of them.
        var resA = (await w.As["resA"].GetJson("/api/v1/imports?pageSize=500")).Items().Select(i => i.Id()).ToHashSet();
        Assert.Superset(new HashSet<int> { first.Id, second.Id, other.Id }, resA);
        Assert.DoesNotContain(b1.Id, resA);
        var resB = (await w.As["resB"].GetJson("/api/v1/imports?pageSize=500")).Items().Select(i => i.Id()).ToHashSet();
        Assert.Contains(b1.Id, resB);
        Assert.Empty(resB.Intersect([first.Id, second.Id, other.Id]));
    }
}
