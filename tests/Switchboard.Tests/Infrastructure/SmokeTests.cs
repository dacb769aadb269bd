namespace Switchboard.Tests.Infrastructure;

public sealed class SmokeTests(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_client_administrator_imports_and_exports_through_the_api()
    {
        var w = await World.CreateAsync(app);
        var rows = new[] { w.Person(), w.Person() };
        var report = await w.As["A1"].Import(Csv.Write(rows));
        report.AssertCounts(created: 2, failed: 0);
        var (bytes, exported) = await w.As["A1"].Export();
        Assert.Equal(2, exported.Count);
        (await w.As["A1"].Import(bytes)).AssertCounts(created: 0, updated: 0, unchanged: 2, failed: 0);
    }
}
