using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// PUT on a template or profile runs the same Core action as the pages' edit forms: the owner changes it,
/// bad values are field errors, a template in use keeps its phone model, a profile name stays unique.
/// </summary>
public sealed class TemplateAndProfileEditsFollowOneRuleSet(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_template_is_changed_by_its_owner_only_and_keeps_its_phone_model_while_users_use_it()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var tpl = (await a1.PostJson("/api/v1/provisioning-templates", new { name = $"Edit me {w.Tag}", phoneModelId = w.PmPoly, body = "x" })).Id();

        var r = await a1.PutAsJsonAsync($"/api/v1/provisioning-templates/{tpl}", new { name = $" Edited {w.Tag} ", phoneModelId = w.PmYea, body = "y" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var stored = await a1.GetJson($"/api/v1/provisioning-templates/{tpl}");
        Assert.Equal($"Edited {w.Tag}", stored.Str("name"));
        Assert.Equal(w.PmYea, stored["phoneModelId"]!.GetValue<int>());
        Assert.Equal("y", stored.Str("body"));

        var invalid = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/provisioning-templates/{tpl}", new { name = " ", phoneModelId = Kit.Missing, body = "z" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.NotNull(invalid.Json!["errors"]!["name"]);
        Assert.NotNull(invalid.Json!["errors"]!["phoneModelId"]);

        // The system template is visible to A1 but belongs to the platform: refused, as documented, and unchanged.
        var system = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/provisioning-templates/{w.TplYea}", new { name = "Mine now", phoneModelId = w.PmYea, body = "z" });
        Assert.Equal(HttpStatusCode.Forbidden, system.Status);
        Assert.Equal($"Yealink sys {w.Tag}", (await a1.GetJson($"/api/v1/provisioning-templates/{w.TplYea}")).Str("name"));

        await a1.CreateUsers(w.Soft(("Phone Model ID", Kit.I(w.PmYea)), ("Provisioning Template ID", Kit.I(tpl)), ("Mac Address", World.RandomMac())));
        var inUse = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/provisioning-templates/{tpl}", new { name = $"Edited {w.Tag}", phoneModelId = w.PmPoly, body = "y" });
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);
        Assert.Contains("phone model cannot change", inUse.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/provisioning-templates/{tpl}", new { name = $"Renamed {w.Tag}", phoneModelId = w.PmYea, body = "y" })).StatusCode);
    }

    [Fact]
    public async Task A_profile_is_renamed_unless_the_client_already_has_that_name()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var prof = (await a1.PostJson("/api/v1/user-profiles", new { name = $"Rename me {w.Tag}" })).Id();

        var taken = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/user-profiles/{prof}", new { name = $"Sales {w.Tag}" });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal($"A profile named \"Sales {w.Tag}\" already exists.", taken.Detail);
        var blank = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/user-profiles/{prof}", new { name = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.NotNull(blank.Json!["errors"]!["name"]);

        // Another client may use the same name: uniqueness is per client.
        var r = await a1.PutAsJsonAsync($"/api/v1/user-profiles/{prof}", new { name = $"Support {w.Tag}" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal($"Support {w.Tag}", (await a1.GetJson($"/api/v1/user-profiles/{prof}")).Str("name"));
    }
}
