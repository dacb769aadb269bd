using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Lifecycle;

/// <summary>
/// Resellers and clients are renamed and deleted (409 while something is left, saying what); a client's
/// default language and SIP domain are changed under one rule; who may do it; what a delete takes with it.
/// </summary>
public sealed class ResellersAndClients(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_reseller_is_renamed_by_the_platform_administrator_only_and_audited()
    {
        var w = await World.CreateAsync(app);
        var r = await w.Admin.PutAsJsonAsync($"/api/v1/resellers/{w.ResA}", new { name = $"Renamed A {w.Tag}" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal($"Renamed A {w.Tag}", (await w.Admin.GetJson($"/api/v1/resellers/{w.ResA}")).Str("name"));

        Assert.Equal(HttpStatusCode.BadRequest, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{w.ResA}", new { name = " " })).Status);
        var taken = await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{w.ResA}", new { name = $"Reseller B {w.Tag}" });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("already exists", taken.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["resA"].ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{w.ResA}", new { name = "Mine" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resA"].ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{w.ResB}", new { name = "Theirs" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["A1"].ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{w.ResA}", new { name = "Up" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/resellers/{Kit.Missing}", new { name = "X" })).Status);

        var audit = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items();
        var entry = audit.First(a => a.Str("action") == "reseller.update" && a["entityId"]!.GetValue<int>() == w.ResA);
        Assert.Contains($"Renamed A {w.Tag}", entry["changes"]!.ToJsonString());
        Assert.Equal(SwitchboardApp.AdminEmail, entry.Str("actor"));
    }

    [Fact]
    public async Task A_reseller_with_clients_is_not_deleted_and_an_empty_one_goes_with_its_accounts_and_templates()
    {
        var w = await World.CreateAsync(app);
        var busy = await w.Admin.ProblemOf(HttpMethod.Delete, $"/api/v1/resellers/{w.ResB}");
        Assert.Equal(HttpStatusCode.Conflict, busy.Status);
        Assert.Contains($"Client B1 {w.Tag}", busy.Detail);
        Assert.Equal($"Reseller B {w.Tag}", (await w.Admin.GetJson($"/api/v1/resellers/{w.ResB}")).Str("name"));
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["resA"].ProblemOf(HttpMethod.Delete, $"/api/v1/resellers/{w.ResA}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resA"].ProblemOf(HttpMethod.Delete, $"/api/v1/resellers/{w.ResB}")).Status);

        var empty = (await w.Admin.PostJson("/api/v1/resellers", new { name = $"Empty {w.Tag}" })).Id();
        var email = $"empty-admin-{w.Tag}@admins.test";
        await w.Admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "reseller", resellerId = empty });
        var admin = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        var template = (await admin.PostJson("/api/v1/provisioning-templates", new { name = $"T {w.Tag}", phoneModelId = w.PmYea, body = "b" })).Id();

        Assert.Equal(HttpStatusCode.NoContent, (await w.Admin.DeleteAsync($"/api/v1/resellers/{empty}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/resellers/{empty}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{template}")).Status);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password = SwitchboardApp.AdminPass });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var audit = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items();
        Assert.Contains(audit, a => a.Str("action") == "reseller.delete" && a["entityId"]!.GetValue<int>() == empty);
        Assert.Contains(audit, a => a.Str("action") == "account.delete" && a.Str("subject") == email);
        // What the deleted administrator did stays, under its email.
        Assert.Contains(audit, a => a.Str("action") == "template.create" && a.Str("actor") == email);
    }

    [Fact]
    public async Task A_clients_name_language_and_sip_domain_change_by_its_reseller_and_the_platform_administrator()
    {
        var w = await World.CreateAsync(app);
        var domain = $"pbx-{w.Tag}.acme.example";
        var r = await w.As["resA"].PutAsJsonAsync($"/api/v1/clients/{w.CA1}", new { name = $"Acme {w.Tag}", defaultLanguage = "French", sipDomain = $" PBX-{w.Tag}.Acme.Example " });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var c = await w.Admin.GetJson($"/api/v1/clients/{w.CA1}");
        Assert.Equal(($"Acme {w.Tag}", "fr", domain), (c.Str("name"), c.Str("defaultLanguage"), c.Str("sipDomain")));
        // Left out: unchanged.
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.PutAsJsonAsync($"/api/v1/clients/{w.CA1}", new { defaultLanguage = "de" })).StatusCode);
        c = await w.Admin.GetJson($"/api/v1/clients/{w.CA1}");
        Assert.Equal(($"Acme {w.Tag}", "de", domain), (c.Str("name"), c.Str("defaultLanguage"), c.Str("sipDomain")));

        var entries = (await w.As["A1"].GetJson("/api/v1/audit?pageSize=500")).Items().Where(a => a.Str("action") == "client.update").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(domain, entries[1]["changes"]!.ToJsonString());

        // Client administrators see their client but do not change it; other resellers do not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["A1"].ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CA1}", new { name = "Mine" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resB"].ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CA1}", new { name = "Theirs" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["A2"].ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CA1}", new { name = "Next door" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/clients/{Kit.Missing}", new { name = "X" })).Status);
        Assert.Equal($"Acme {w.Tag}", (await w.Admin.GetJson($"/api/v1/clients/{w.CA1}")).Str("name")); // refused changes wrote nothing
    }

    [Theory]
    [InlineData("nodot")]
    [InlineData("under_score.example")]
    [InlineData("-lead.example")]
    [InlineData("two..dots.example")]
    [InlineData("")]
    public async Task A_sip_domain_that_is_not_a_dns_name_is_refused_on_edit_and_create(string domain)
    {
        var w = await SharedWorld.For(app);
        var edit = await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CB1}", new { sipDomain = domain });
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.NotNull(edit.Json!["errors"]!["sipDomain"]);
        if (domain.Length > 0)
        {
            var create = await w.Admin.ProblemOf(HttpMethod.Post, "/api/v1/clients", new { name = $"Bad {domain} {w.Tag}", resellerId = w.ResB, sipDomain = domain });
            Assert.Equal(HttpStatusCode.BadRequest, create.Status);
            Assert.Contains(domain, create.Json!["errors"]!["sipDomain"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_sip_domain_over_253_characters_is_refused_and_a_taken_one_conflicts()
    {
        var w = await SharedWorld.For(app);
        var longName = string.Join(".", Enumerable.Repeat(new string('a', 60), 5)) + ".example";
        Assert.True(longName.Length > 253);
        var tooLong = await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CB1}", new { sipDomain = longName });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("253", tooLong.Json!["errors"]!["sipDomain"]!.ToJsonString());

        var other = (await w.Admin.GetJson($"/api/v1/clients/{w.CA2}")).Str("sipDomain")!;
        var taken = await w.As["resB"].ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CB1}", new { sipDomain = other.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.DoesNotContain($"A2 {w.Tag}", taken.Detail); // taken, never by whom
        var created = await w.Admin.ProblemOf(HttpMethod.Post, "/api/v1/clients", new { name = $"Dup {w.Tag}", resellerId = w.ResB, sipDomain = other });
        Assert.Equal(HttpStatusCode.Conflict, created.Status);
        var language = await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/clients/{w.CB1}", new { defaultLanguage = "Klingon" });
        Assert.Equal(HttpStatusCode.BadRequest, language.Status);
        Assert.NotNull(language.Json!["errors"]!["defaultLanguage"]);
    }

    [Fact]
    public async Task A_client_with_users_is_not_deleted_and_an_empty_one_goes_with_its_accounts_templates_profiles_and_imports_but_not_its_audit()
    {
        var w = await World.CreateAsync(app);
        (await w.As["A1"].ImportRows([w.Soft()])).AssertCounts(created: 1);
        var busy = await w.As["resA"].ProblemOf(HttpMethod.Delete, $"/api/v1/clients/{w.CA1}");
        Assert.Equal(HttpStatusCode.Conflict, busy.Status);
        Assert.Contains("user(s)", busy.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["A2"].ProblemOf(HttpMethod.Delete, $"/api/v1/clients/{w.CA2}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resB"].ProblemOf(HttpMethod.Delete, $"/api/v1/clients/{w.CA2}")).Status);

        // Client A2 emptied: its users go, its administrator, template, profile and an import stay until the client goes.
        var users = (await w.Admin.GetJson($"/api/v1/users?clientId={w.CA2}&pageSize=500")).Items();
        var import = await w.As["A2"].Import($"First Name,Last Name,Email,Extension\r\nIm,Port,imp-{w.Tag}@example.test,bad\r\n");
        foreach (var u in users) Assert.Equal(HttpStatusCode.NoContent, (await w.Admin.DeleteAsync($"/api/v1/users/{u.Id()}")).StatusCode);
        var before = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items().Count(a => a["clientId"]?.GetValue<int>() == w.CA2);

        Assert.Equal(HttpStatusCode.NoContent, (await w.As["resA"].DeleteAsync($"/api/v1/clients/{w.CA2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/clients/{w.CA2}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYeaA2}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/user-profiles/{w.ProfA2}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/imports/{import.Id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await w.As["A2"].GetAsync("/api/v1/me")).StatusCode);
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = w.Emails["A2"], password = SwitchboardApp.AdminPass });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        var after = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items().Where(a => a["clientId"]?.GetValue<int>() == w.CA2).ToList();
        Assert.True(after.Count >= before + 2, $"{before} entries before, {after.Count} after"); // kept, plus the account and client deletes
        Assert.Contains(after, a => a.Str("action") == "client.delete");
        Assert.Contains(after, a => a.Str("action") == "account.delete" && a.Str("subject") == w.Emails["A2"]);
        // Its neighbour is untouched.
        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].GetAsync("/api/v1/me")).StatusCode);
    }
}
