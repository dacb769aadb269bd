using System.Net;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>A PBX user signed in with email + web password has role "user" and cannot export, import or list.</summary>
public sealed class PbxUsersOnlySeeThemselves(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_pbx_user_is_role_user_and_is_refused_export_import_and_every_administrators_list()
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Web Passwords", "Self-Service-Pass-77"));
        var ids = await w.As["A1"].CreateUsers(person);
        var me = await app.SignInAsync(person["Email"].ToUpperInvariant(), "Self-Service-Pass-77"); // emails are case-insensitive

        var importsBefore = (await w.As["A1"].GetJson("/api/v1/imports"))["total"]!.GetValue<int>();
        var who = await me.GetJson("/api/v1/me");
        Assert.Equal("user", who.Str("role"));
        Assert.Equal(ids[0], who.Id());
        Assert.Equal(w.CA1, who["clientId"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync("/api/v1/users/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync($"/api/v1/users/export?clientId={w.CA1}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.Upload(Encoding.UTF8.GetBytes(Csv.Write([w.Soft()])))).StatusCode);
        foreach (var list in new[] { "users", "imports", "clients", "accounts", "user-profiles", "provisioning-templates", "phone-models", "resellers" })
            Assert.True((await me.GetAsync($"/api/v1/{list}")).StatusCode == HttpStatusCode.Forbidden, $"PBX user GET /api/v1/{list}");
        // Not even its own client's things by id.
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/v1/user-profiles/{w.ProfA1}")).StatusCode);
        Assert.Equal(importsBefore, (await w.As["A1"].GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_user_created_without_a_web_password_cannot_sign_in()
    {
        var w = await World.CreateAsync(app);
        var person = w.Soft();
        await w.As["A1"].CreateUsers(person);
        foreach (var password in new[] { "", "Web-Password-9876" })
        {
            var r = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person["Email"], password });
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
    }

    [Fact]
    public async Task The_email_column_is_the_web_login_so_changing_it_by_import_moves_the_sign_in()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var person = w.Person(("Web Passwords", "Login-Moves-Pass-3"));
        var ids = await a1.CreateUsers(person);
        var newEmail = $"moved-{w.Tag}@example.test";
        (await a1.Import($"ID,Email\r\n{ids[0]},{newEmail}\r\n")).AssertCounts(updated: 1, failed: 0);

        var me = await app.SignInAsync(newEmail, "Login-Moves-Pass-3");
        Assert.Equal(newEmail, (await me.GetJson("/api/v1/me")).Str("email"));
        var old = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person["Email"], password = "Login-Moves-Pass-3" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        // The old address is free for someone else now.
        await a1.CreateUsers(w.Soft(("Email", person["Email"])));
    }
}
