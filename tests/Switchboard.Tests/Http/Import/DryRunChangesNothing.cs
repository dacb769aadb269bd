using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>"Validate only" produces the report the real import would, and changes nothing.</summary>
public sealed class DryRunChangesNothing(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_dry_run_reports_the_same_counts_and_causes_as_the_real_import_and_changes_nothing()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var existing = w.Soft(("Department", "Before"));
        var ids = await a1.CreateUsers(existing, w.Soft());
        var (exportBefore, _) = await a1.Export("?includeSecrets=true");
        var withPassword = w.Person(("Web Passwords", "Dry-Run-Pass-5521"));
        var rows = new[]
        {
            new Dictionary<string, string>(existing) { ["ID"] = Kit.I(ids[0]), ["Department"] = "After" },
            w.Soft(), withPassword, w.Soft(("Voicemail Pin", "1234")),
        };

        var dry = await a1.ImportRows(rows, dryRun: true);
        dry.AssertCounts(created: 2, updated: 1, unchanged: 0, failed: 1);
        Assert.True(dry.Json["dryRun"]!.GetValue<bool>());
        Assert.Equal([5], dry.FailedRows);
        Assert.Equal(Encoding.UTF8.GetString(exportBefore), Encoding.UTF8.GetString((await a1.Export("?includeSecrets=true")).Bytes));
        var signIn = await app.CreateClient().PostAsync("/api/v1/auth/token",
            System.Net.Http.Json.JsonContent.Create(new { email = withPassword["Email"], password = "Dry-Run-Pass-5521" }));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, signIn.StatusCode);

        var real = await a1.ImportRows(rows);
        real.AssertCounts(created: 2, updated: 1, unchanged: 0, failed: 1);
        Assert.False(real.Json["dryRun"]!.GetValue<bool>());
        Assert.Equal(dry.FailedRows, real.FailedRows);
        Assert.Equal(dry.Causes(5), real.Causes(5));
        Assert.Equal("After", (await a1.GetUser(ids[0])).Str("department"));
        await app.SignInAsync(withPassword["Email"], "Dry-Run-Pass-5521");
    }
}
