using System.Net;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 6: resellers export one client or all their clients (with a Client column) and are refused import.</summary>
public sealed class ResellersExportButNeverImport(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_reseller_import_is_403_telling_to_sign_in_as_the_client_and_changes_nothing()
    {
        var w = await World.CreateAsync(app);
        var csv = Encoding.UTF8.GetBytes(Csv.Write([w.Soft()]));
        foreach (var dryRun in new[] { false, true })
        {
            var p = await (await w.As["resA"].Upload(csv, dryRun)).ReadProblem();
            Assert.Equal(HttpStatusCode.Forbidden, p.Status);
            Assert.Contains("sign in", p.Detail ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.Contains("client", p.Detail ?? "", StringComparison.OrdinalIgnoreCase);
        }
        // Only client accounts import: the platform administrator is refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Admin.Upload(csv)).StatusCode);
        Assert.Empty((await w.As["resA"].GetJson("/api/v1/imports?pageSize=500")).Items());
        Assert.Empty((await w.As["resA"].Export()).Rows);
    }

    [Fact]
    public async Task A_reseller_exports_one_client_with_the_plain_header_or_all_clients_with_a_last_Client_column()
    {
        var w = await World.CreateAsync(app);
        var a1Users = new[] { w.Soft(), w.Soft() };
        var a2User = w.Soft();
        var b1User = w.Soft();
        await w.As["A1"].CreateUsers(a1Users);
        await w.As["A2"].CreateUsers(a2User);
        await w.As["B1"].CreateUsers(b1User);

        var (oneBytes, one) = await w.As["resA"].Export($"?clientId={w.CA1}");
        Assert.Equal(Csv.Headers, Csv.Records(Encoding.UTF8.GetString(oneBytes))[0]);
        Assert.Equal(a1Users.Select(u => u["Email"]).Order(), one.Select(r => r["Email"]).Order());
        Assert.Equal(Encoding.UTF8.GetString((await w.As["A1"].Export()).Bytes), Encoding.UTF8.GetString(oneBytes));

        var (allBytes, all) = await w.As["resA"].Export();
        Assert.Equal([.. Csv.Headers, "Client"], Csv.Records(Encoding.UTF8.GetString(allBytes))[0]);
        Assert.Equal(a1Users.Append(a2User).Select(u => u["Email"]).Order(), all.Select(r => r["Email"]).Order());
        Assert.All(all.Where(r => r["Email"] != a2User["Email"]), r => Assert.Equal($"Client A1 {w.Tag}", r["Client"]));
        Assert.Equal($"Client A2 {w.Tag}", all.Single(r => r["Email"] == a2User["Email"])["Client"]);

        // Client A1 can import its rows of the all-clients file: the Client column is ignored with a warning.
        var a1Rows = all.Where(r => r["Client"] == $"Client A1 {w.Tag}").ToList();
        var r = await w.As["A1"].ImportRows(a1Rows, [.. Csv.Headers, "Client"]);
        r.AssertCounts(created: 0, updated: 0, unchanged: 2, failed: 0);
        Assert.Contains(r.Warnings, x => x!["message"]!.GetValue<string>().Contains("Client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exporting_a_client_of_another_reseller_or_another_client_is_404_like_a_missing_client()
    {
        var w = await World.CreateAsync(app);
        await w.As["A1"].CreateUsers(w.Soft());
        foreach (var who in new[] { "resB", "A2", "B1" })
        {
            var foreign = await w.As[who].ProblemOf(HttpMethod.Get, $"/api/v1/users/export?clientId={w.CA1}");
            var missing = await w.As[who].ProblemOf(HttpMethod.Get, $"/api/v1/users/export?clientId={Kit.Missing}");
            Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
            Assert.Equal(missing.Shape, foreign.Shape);
        }
    }

    [Fact]
    public async Task A_reseller_views_its_clients_users_but_does_not_change_them()
    {
        var w = await World.CreateAsync(app);
        var ids = await w.As["A1"].CreateUsers(w.Soft(("Department", "Kept")));
        Assert.Equal("Kept", (await w.As["resA"].GetUser(ids[0])).Str("department"));
        var put = await w.As["resA"].PutAsJsonAsync($"/api/v1/users/{ids[0]}", new { department = "Changed" });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["resA"].DeleteAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        Assert.Equal("Kept", (await w.As["A1"].GetUser(ids[0])).Str("department"));
    }
}
