using System.Net;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>List endpoints (and their filters and search) never contain another tenant's items.</summary>
public sealed class ListsNeverShowForeignItems(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task No_list_shown_to_an_outsider_of_client_A1_contains_its_users_templates_profiles_imports_client_or_admins()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var lists = new (string Path, int ForeignId)[]
        {
            ("/api/v1/users?pageSize=500", t.User),
            ($"/api/v1/users?pageSize=500&clientId={w.CA1}", t.User),
            ($"/api/v1/users?pageSize=500&search={Uri.EscapeDataString(t.UserEmail)}", t.User),
            ("/api/v1/provisioning-templates?pageSize=500", w.TplPolyA1),
            ("/api/v1/user-profiles?pageSize=500", w.ProfA1),
            ($"/api/v1/user-profiles?pageSize=500&clientId={w.CA1}", w.ProfA1),
            ("/api/v1/imports?pageSize=500", t.Import),
            ($"/api/v1/imports?pageSize=500&clientId={w.CA1}", t.Import),
            ("/api/v1/clients?pageSize=500", w.CA1),
            ("/api/v1/accounts?pageSize=500", t.A1AdminAccount),
        };
        var leaks = new List<string>();
        foreach (var (name, http) in t.Outsiders)
        {
            foreach (var (path, foreignId) in lists)
            {
                var r = await http.GetAsync(path);
                var text = await r.Content.ReadAsStringAsync();
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    if (r.StatusCode != HttpStatusCode.Forbidden) leaks.Add($"{name} GET {path}: {(int)r.StatusCode} {text}");
                    continue;
                }
                var page = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
                if (page.Ids().Contains(foreignId)) leaks.Add($"{name} GET {path} lists {foreignId}");
                if (text.Contains(t.UserEmail, StringComparison.OrdinalIgnoreCase) || text.Contains("Secret Ops", StringComparison.Ordinal))
                    leaks.Add($"{name} GET {path} shows A1's user");
                if (page["total"]!.GetValue<int>() != page.Items().Count) leaks.Add($"{name} GET {path}: total {page["total"]} counts items it does not show");
            }
        }
        // Reseller B and its client do not see reseller A's templates; reseller B does not see reseller A.
        foreach (var (name, http) in new[] { ("resB", w.As["resB"]), ("B1", w.As["B1"]) })
        {
            if ((await http.GetJson("/api/v1/provisioning-templates?pageSize=500")).Ids().Overlaps([t.ResellerTemplate, w.TplPolyA1, w.TplYeaA2]))
                leaks.Add($"{name} lists reseller A's or its clients' templates");
        }
        if ((await w.As["resB"].GetJson("/api/v1/resellers?pageSize=500")).Ids().Contains(w.ResA)) leaks.Add("resB lists reseller A");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // The insiders do see them, so the lists above were asked the right questions.
        var a1 = w.As["A1"];
        Assert.Contains(t.User, (await a1.GetJson($"/api/v1/users?pageSize=500&search={Uri.EscapeDataString(t.UserEmail)}")).Ids());
        Assert.Contains(t.User, (await w.As["resA"].GetJson($"/api/v1/users?pageSize=500&clientId={w.CA1}")).Ids());
        Assert.Contains(w.ProfA1, (await a1.GetJson("/api/v1/user-profiles?pageSize=500")).Ids());
        Assert.Contains(w.TplPolyA1, (await a1.GetJson("/api/v1/provisioning-templates?pageSize=500")).Ids());
        Assert.Contains(t.Import, (await a1.GetJson("/api/v1/imports?pageSize=500")).Ids());
        Assert.Contains(t.A1AdminAccount, (await w.As["resA"].GetJson("/api/v1/accounts?pageSize=500")).Ids());
    }
}
