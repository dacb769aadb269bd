using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Accounts;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Lifecycle;

/// <summary>
/// Administrator accounts listed by scope, disabled and enabled (a disabled sign-in answers like a wrong
/// password), given a new password, deleted; never oneself, never the last platform administrator; who did
/// what stays attributed after a delete. Phone models renamed, and deleted when nothing uses them.
/// </summary>
public sealed class AccountsAndPhoneModels(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private async Task<int> NewAccountAsync(HttpClient by, string email, string role, string key, int scope) =>
        (await by.PostJson("/api/v1/accounts", new Dictionary<string, object>
        {
            ["email"] = email, ["password"] = SwitchboardApp.AdminPass, ["role"] = role, [key] = scope,
        })).Id();

    private async Task<HttpResponseMessage> TokenAsync(string email, string password) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password });

    [Fact]
    public async Task Accounts_are_listed_in_the_callers_scope()
    {
        var w = await World.CreateAsync(app);
        string[] Emails(System.Text.Json.Nodes.JsonObject page) => page.Items().Select(a => a.Str("email")!).ToArray();
        var resA = Emails(await w.As["resA"].GetJson("/api/v1/accounts?pageSize=500"));
        Assert.Contains(w.Emails["resA"], resA);
        Assert.Contains(w.Emails["A1"], resA);
        Assert.Contains(w.Emails["A2"], resA);
        Assert.DoesNotContain(w.Emails["resB"], resA);
        Assert.DoesNotContain(w.Emails["B1"], resA);
        Assert.DoesNotContain(SwitchboardApp.AdminEmail, resA);
        var a1 = Emails(await w.As["A1"].GetJson("/api/v1/accounts?pageSize=500"));
        Assert.Equal([w.Emails["A1"]], a1);
        Assert.Contains(SwitchboardApp.AdminEmail, Emails(await w.Admin.GetJson("/api/v1/accounts?pageSize=500")));
    }

    [Fact]
    public async Task A_disabled_account_signs_in_like_a_wrong_password_until_enabled()
    {
        var w = await World.CreateAsync(app);
        var email = $"second-a1-{w.Tag}@admins.test";
        var id = await NewAccountAsync(w.As["A1"], email, "client", "clientId", w.CA1);
        var before = await app.SignInAsync(email, SwitchboardApp.AdminPass);

        var r = await w.As["resA"].PutAsJsonAsync($"/api/v1/accounts/{id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True((await r.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["disabled"]!.GetValue<bool>());
        var disabled = await (await TokenAsync(email, SwitchboardApp.AdminPass)).ReadProblem();
        var wrong = await (await TokenAsync(w.Emails["A2"], "Not-The-Password-9")).ReadProblem();
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.Status);
        Assert.Equal((wrong.Status, wrong.Title, wrong.Detail), (disabled.Status, disabled.Title, disabled.Detail));
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].PutAsJsonAsync($"/api/v1/accounts/{id}", new { disabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(email, SwitchboardApp.AdminPass)).StatusCode);
        var audit = (await w.As["A1"].GetJson("/api/v1/audit?pageSize=500")).Items().Where(a => a.Str("action") == "account.update").ToList();
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_is_checked_like_every_web_password()
    {
        var w = await World.CreateAsync(app);
        var email = $"pw-b1-{w.Tag}@admins.test";
        var id = await NewAccountAsync(w.Admin, email, "client", "clientId", w.CB1);
        var weak = await w.As["resB"].ProblemOf(HttpMethod.Put, $"/api/v1/accounts/{id}", new { password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        Assert.NotNull(weak.Json!["errors"]!["password"]);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(email, SwitchboardApp.AdminPass)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await w.As["resB"].PutAsJsonAsync($"/api/v1/accounts/{id}", new { password = "Brand-New-Pass-77" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, SwitchboardApp.AdminPass)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(email, "Brand-New-Pass-77")).StatusCode);
        var entry = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items().First(a => a.Str("action") == "account.update" && a["entityId"]!.GetValue<int>() == id);
        Assert.DoesNotContain("Brand-New", entry.ToJsonString());
    }

    [Fact]
    public async Task Accounts_are_changed_only_in_scope_and_never_by_themselves()
    {
        var w = await World.CreateAsync(app);
        var me = (await w.As["A1"].GetJson("/api/v1/me")).Id();
        foreach (var body in new object[] { new { disabled = true }, new { password = "Another-Pass-123" } })
            Assert.Equal(HttpStatusCode.Conflict, (await w.As["A1"].ProblemOf(HttpMethod.Put, $"/api/v1/accounts/{me}", body)).Status);
        var self = await w.As["A1"].ProblemOf(HttpMethod.Delete, $"/api/v1/accounts/{me}");
        Assert.Equal(HttpStatusCode.Conflict, self.Status);
        Assert.Contains("itself", self.Detail);
        var root = (await w.Admin.GetJson("/api/v1/me")).Id();
        Assert.Equal(HttpStatusCode.Conflict, (await w.Admin.ProblemOf(HttpMethod.Delete, $"/api/v1/accounts/{root}")).Status);

        var resB = (await w.As["resB"].GetJson("/api/v1/me")).Id();
        var resA = (await w.As["resA"].GetJson("/api/v1/me")).Id();
        // Not in scope answers like a missing account; a client administrator does not touch its reseller's.
        foreach (var (who, target) in new[] { ("resA", resB), ("A1", resA), ("A2", me), ("resA", root) })
        {
            var missing = await w.As[who].ProblemOf(HttpMethod.Put, $"/api/v1/accounts/{Kit.Missing}", new { disabled = true });
            var hidden = await w.As[who].ProblemOf(HttpMethod.Put, $"/api/v1/accounts/{target}", new { disabled = true });
            Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
            Assert.Equal(missing.Shape, hidden.Shape);
            Assert.Equal(HttpStatusCode.NotFound, (await w.As[who].ProblemOf(HttpMethod.Delete, $"/api/v1/accounts/{target}")).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.As["resB"].GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/accounts/{resB}", new { })).Status);
    }

    [Fact]
    public async Task A_deleted_account_can_no_longer_sign_in_and_what_it_did_stays_attributed()
    {
        var w = await World.CreateAsync(app);
        // A second client administrator of A1 adds a profile; a second reseller administrator of A adds an account in A1.
        var clientAdmin = $"gone-a1-{w.Tag}@admins.test";
        var clientAdminId = await NewAccountAsync(w.As["A1"], clientAdmin, "client", "clientId", w.CA1);
        await (await app.SignInAsync(clientAdmin, SwitchboardApp.AdminPass)).PostJson("/api/v1/user-profiles", new { name = $"By gone {w.Tag}" });
        var resellerAdmin = $"gone-ra-{w.Tag}@admins.test";
        var resellerAdminId = await NewAccountAsync(w.As["resA"], resellerAdmin, "reseller", "resellerId", w.ResA);
        await NewAccountAsync(await app.SignInAsync(resellerAdmin, SwitchboardApp.AdminPass), $"made-{w.Tag}@admins.test", "client", "clientId", w.CA1);

        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/accounts/{clientAdminId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.Admin.DeleteAsync($"/api/v1/accounts/{resellerAdminId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(clientAdmin, SwitchboardApp.AdminPass)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Delete, $"/api/v1/accounts/{clientAdminId}")).Status);

        var a1 = (await w.As["A1"].GetJson("/api/v1/audit?pageSize=500")).Items();
        var profile = a1.Single(a => a.Str("action") == "profile.create" && a.Str("subject") == $"By gone {w.Tag}");
        Assert.Equal((clientAdmin, clientAdminId), (profile.Str("actor"), profile["actorId"]!.GetValue<int>()));
        // The deleted reseller administrator stays hidden from the client, as it was while it existed.
        var made = a1.Single(a => a.Str("action") == "account.create" && a.Str("subject")!.Contains($"made-{w.Tag}"));
        Assert.Equal("a reseller administrator", made.Str("actor"));
        Assert.DoesNotContain(resellerAdmin, (await w.As["A1"].GetStringAsync("/api/v1/audit?pageSize=500")));
        var seenByReseller = (await w.As["resA"].GetJson("/api/v1/audit?pageSize=500")).Items()
            .Single(a => a.Str("action") == "account.create" && a.Str("subject")!.Contains($"made-{w.Tag}"));
        Assert.Equal(resellerAdmin, seenByReseller.Str("actor"));
    }

    /// <summary>
    /// Through HTTP the last enabled platform administrator is already safe: only platform administrators
    /// see platform accounts, nobody disables or deletes itself, and a disabled one cannot call. The rule
    /// still holds in the command itself (two administrators removing each other at once), checked here on
    /// a database whose only platform administrator is the bootstrap one.
    /// </summary>
    [Fact]
    public async Task The_last_enabled_platform_administrator_is_never_disabled_or_deleted()
    {
        using var own = new SwitchboardApp();
        var admin = await own.AdminAsync();
        var rootId = (await admin.GetJson("/api/v1/me")).Id();
        using (var scope = own.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            // Another platform administrator's identity, as a second one calling at the same moment would be.
            var other = new Tenant(db, new Caller(rootId + 100000, "other@platform.test", Roles.Admin, null, null));
            var disable = await new UpdateAccount(db, other, new Passwords()).RunAsync(rootId, new AccountChange(true, null), "api", default);
            Assert.Equal(EditOutcome.Conflict, disable.Outcome);
            Assert.Contains("last enabled platform administrator", disable.Message);
            var delete = await new DeleteAccount(db, other).RunAsync(rootId, "api", default);
            Assert.Equal(DeleteOutcome.InUse, delete.Outcome);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);

        var second = (await admin.PostJson("/api/v1/accounts", new { email = "second@platform.test", password = SwitchboardApp.AdminPass, role = "admin" })).Id();
        var secondHttp = await own.SignInAsync("second@platform.test", SwitchboardApp.AdminPass);
        Assert.Equal(HttpStatusCode.OK, (await secondHttp.PutAsJsonAsync($"/api/v1/accounts/{rootId}", new { disabled = true })).StatusCode);
        using (var scope = own.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            var root = new Tenant(db, new Caller(rootId, SwitchboardApp.AdminEmail, Roles.Admin, null, null));
            Assert.Equal(DeleteOutcome.InUse, (await new DeleteAccount(db, root).RunAsync(second, "api", default)).Outcome);
        }
        Assert.Equal(HttpStatusCode.OK, (await secondHttp.PutAsJsonAsync($"/api/v1/accounts/{rootId}", new { disabled = false })).StatusCode);
        // Disabling ended the root's tokens for good: enabled again, it signs in anew.
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/me")).StatusCode);
        admin = await own.AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/accounts/{second}")).StatusCode);
    }

    [Fact]
    public async Task A_phone_model_is_renamed_by_the_platform_administrator_and_deleted_only_when_unused()
    {
        var w = await World.CreateAsync(app);
        var r = await w.Admin.PutAsJsonAsync($"/api/v1/phone-models/{w.PmYea}", new { model = $"T46S-{w.Tag}" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var m = await w.Admin.GetJson($"/api/v1/phone-models/{w.PmYea}");
        Assert.Equal(("Yealink", $"T46S-{w.Tag}"), (m.Str("vendor"), m.Str("model")));
        Assert.Equal(HttpStatusCode.Conflict, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/phone-models/{w.PmYea}", new { vendor = "Polycom", model = $"VVX450-{w.Tag}" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/phone-models/{w.PmYea}", new { vendor = "" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["resA"].ProblemOf(HttpMethod.Put, $"/api/v1/phone-models/{w.PmYea}", new { model = "X" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.As["A1"].ProblemOf(HttpMethod.Delete, $"/api/v1/phone-models/{w.PmYea}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Put, $"/api/v1/phone-models/{Kit.Missing}", new { model = "X" })).Status);

        var used = await w.Admin.ProblemOf(HttpMethod.Delete, $"/api/v1/phone-models/{w.PmYea}");
        Assert.Equal(HttpStatusCode.Conflict, used.Status);
        Assert.Contains("template(s)", used.Detail);

        // Used by one template only: refused until the template goes.
        var bare = (await w.Admin.PostJson("/api/v1/phone-models", new { vendor = "Bare", model = $"B-{w.Tag}" })).Id();
        var tpl = (await w.As["A1"].PostJson("/api/v1/provisioning-templates", new { name = $"Bare {w.Tag}", phoneModelId = bare, body = "b" })).Id();
        Assert.Equal(HttpStatusCode.Conflict, (await w.Admin.ProblemOf(HttpMethod.Delete, $"/api/v1/phone-models/{bare}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/provisioning-templates/{tpl}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.Admin.DeleteAsync($"/api/v1/phone-models/{bare}")).StatusCode);

        var unused = (await w.Admin.PostJson("/api/v1/phone-models", new { vendor = "Unused", model = $"U-{w.Tag}" })).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await w.Admin.DeleteAsync($"/api/v1/phone-models/{unused}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.ProblemOf(HttpMethod.Get, $"/api/v1/phone-models/{unused}")).Status);
        var audit = (await w.Admin.GetJson("/api/v1/audit?pageSize=500")).Items();
        Assert.Contains(audit, a => a.Str("action") == "phone-model.update" && a["entityId"]!.GetValue<int>() == w.PmYea);
        Assert.Contains(audit, a => a.Str("action") == "phone-model.delete" && a["entityId"]!.GetValue<int>() == unused);
    }
}
