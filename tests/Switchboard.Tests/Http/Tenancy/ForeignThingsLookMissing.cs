using System.Net;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Nothing of one client is visible to another: by id, another tenant's user, template, profile,
/// import or client answers exactly like an id that does not exist (status, title, wording).
/// </summary>
public sealed class ForeignThingsLookMissing(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> Probes(A1Things t, Func<string, int> id)
    {
        var w = t.W;
        yield return (HttpMethod.Get, $"/api/v1/users/{id("user")}", null);
        yield return (HttpMethod.Get, $"/api/v1/users/{id("user")}?includeSecrets=true", null);
        yield return (HttpMethod.Put, $"/api/v1/users/{id("user")}", new { department = "Hijacked" });
        yield return (HttpMethod.Delete, $"/api/v1/users/{id("user")}", null);
        yield return (HttpMethod.Get, $"/api/v1/imports/{id("import")}", null);
        yield return (HttpMethod.Get, $"/api/v1/imports/{id("import")}/failed-rows.csv", null);
        yield return (HttpMethod.Get, $"/api/v1/user-profiles/{id("profile")}", null);
        yield return (HttpMethod.Put, $"/api/v1/user-profiles/{id("profile")}", new { name = "Hijacked" });
        yield return (HttpMethod.Delete, $"/api/v1/user-profiles/{id("profile")}", null);
        yield return (HttpMethod.Get, $"/api/v1/provisioning-templates/{id("template")}", null);
        yield return (HttpMethod.Put, $"/api/v1/provisioning-templates/{id("template")}", new { name = "Hijacked", phoneModelId = w.PmPoly, body = "x" });
        yield return (HttpMethod.Delete, $"/api/v1/provisioning-templates/{id("template")}", null);
        yield return (HttpMethod.Get, $"/api/v1/clients/{id("client")}", null);
        yield return (HttpMethod.Get, $"/api/v1/users/export?clientId={id("client")}", null);
        yield return (HttpMethod.Post, "/api/v1/user-profiles", new { name = $"Planted {w.Tag}", clientId = id("client") });
        yield return (HttpMethod.Post, "/api/v1/users", new { clientId = id("client"), firstName = "P", lastName = "Q", email = $"planted-{w.Tag}@example.test", extension = "7777" });
        yield return (HttpMethod.Post, "/api/v1/accounts", new { email = $"planted-admin-{w.Tag}@example.test", password = "Planted-Admin-Pass-1", role = "client", clientId = id("client") });
    }

    [Fact]
    public async Task Every_outside_caller_gets_for_client_A1s_things_exactly_the_answer_for_a_missing_id()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var real = new Dictionary<string, int> { ["user"] = t.User, ["import"] = t.Import, ["profile"] = w.ProfA1, ["template"] = w.TplPolyA1, ["client"] = w.CA1 };
        var before = await w.As["A1"].GetUser(t.User, secrets: true);
        var differences = new List<string>();
        foreach (var (name, http) in t.Outsiders)
        {
            var foreign = Probes(t, k => real[k]).ToList();
            var missing = Probes(t, _ => Kit.Missing).ToList();
            for (var i = 0; i < foreign.Count; i++)
            {
                var f = await http.ProblemOf(foreign[i].Method, foreign[i].Path, foreign[i].Body);
                var m = await http.ProblemOf(missing[i].Method, missing[i].Path, missing[i].Body);
                if (f.Shape != m.Shape || (m.Status == HttpStatusCode.NotFound) != (f.Status == HttpStatusCode.NotFound))
                    differences.Add($"{name} {foreign[i].Method} {foreign[i].Path}: {f.Shape}  vs missing id: {m.Shape}");
                if (f.Status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                    differences.Add($"{name} {foreign[i].Method} {foreign[i].Path}: answered {f.Shape}");
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // Nothing changed, and the insiders still see everything (so the probes hit real things).
        Assert.Equal(before.ToJsonString(), (await w.As["A1"].GetUser(t.User, secrets: true)).ToJsonString());
        foreach (var (name, http) in t.Insiders)
        {
            foreach (var path in new[] { $"/api/v1/users/{t.User}", $"/api/v1/imports/{t.Import}", $"/api/v1/user-profiles/{w.ProfA1}",
                                         $"/api/v1/provisioning-templates/{w.TplPolyA1}", $"/api/v1/clients/{w.CA1}" })
                Assert.True((await http.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{name} GET {path}");
        }
        Assert.DoesNotContain((await w.As["A1"].GetJson("/api/v1/user-profiles?pageSize=500")).Items(), p => p.Str("name") == $"Planted {w.Tag}");
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Extension"] == "7777");
    }

    [Fact]
    public async Task Reseller_As_template_and_reseller_A_itself_look_missing_to_reseller_B_and_its_client()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var differences = new List<string>();
        foreach (var (name, http) in new[] { ("resB", w.As["resB"]), ("B1", w.As["B1"]), ("PBX user of A2", t.PbxA2) })
        {
            foreach (var (path, missing) in new[]
                     {
                         ($"/api/v1/provisioning-templates/{t.ResellerTemplate}", $"/api/v1/provisioning-templates/{Kit.Missing}"),
                         ($"/api/v1/resellers/{w.ResA}", $"/api/v1/resellers/{Kit.Missing}"),
                     })
            {
                var f = await http.ProblemOf(HttpMethod.Get, path);
                var m = await http.ProblemOf(HttpMethod.Get, missing);
                if (f.Status != HttpStatusCode.NotFound || f.Shape != m.Shape) differences.Add($"{name} GET {path}: {f.Shape} vs {m.Shape}");
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(HttpStatusCode.OK, (await w.As["A2"].GetAsync($"/api/v1/provisioning-templates/{t.ResellerTemplate}")).StatusCode);
    }
}
