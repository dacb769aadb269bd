using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// phones.md, "Registrations are visible": GET /api/v1/registrations, the Users page's
/// data-registration and the user's page show what the real registrar holds, inside the tenant walls,
/// and say so when a registrar did not answer instead of showing "no phone registered".
/// </summary>
public sealed partial class RegistrationsAreVisible(RegistrarsHost host) : IClassFixture<RegistrarsHost>
{
    private const string Secret = "Visible-Secret-Q4";

    /// <summary>A tenant with a registered user (extension 201 of the first client, from <paramref name="from"/>) and an unregistered one.</summary>
    private async Task<(SipTenant T, int Registered, int Unregistered, int SameExtensionElsewhere)> RegisteredAsync(string from)
    {
        var t = await SipTenant.CreateAsync(host.App);
        var registered = await t.CreateUserAsync("201", Secret);
        var unregistered = await t.CreateUserAsync("202", Secret);
        // The same extension in the other client's domain is another address of record, not registered.
        var elsewhere = await t.CreateUserAsync("201", Secret, t.OtherClient);
        Assert.Equal(200, await SipPhone.RegisterAsync(host.Registrar, "201", t.Domain, Secret, from));
        return (t, registered, unregistered, elsewhere);
    }

    private static List<JsonObject> Items(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!.AsObject())];

    [Fact]
    public async Task The_registrations_list_shows_a_registered_phone_to_its_client_and_no_one_else()
    {
        const string from = "127.0.0.41";
        var (t, registered, unregistered, elsewhere) = await RegisteredAsync(from);
        var admin = await host.App.AdminAsync();
        var clientAdmin = await host.App.SignInAsync($"sip-{t.Tag}@admins.test", SwitchboardApp.AdminPass);

        var page = await clientAdmin.GetJson("/api/v1/registrations");
        Assert.True(page["complete"]!.GetValue<bool>());
        var mine = Assert.Single(Items(page));
        Assert.Equal(registered, mine["userId"]!.GetValue<int>());
        Assert.Equal("201", mine["extension"]!.GetValue<string>());
        Assert.Equal(t.Domain, mine["sipDomain"]!.GetValue<string>());
        Assert.StartsWith($"sip:201@{from}:", mine["contact"]!.GetValue<string>());
        Assert.Matches($@"^{Regex.Escape(from)}:\d+$", mine["sourceAddress"]!.GetValue<string>());
        Assert.Equal("SIPp test phone", mine["userAgent"]!.GetValue<string>());
        Assert.True(mine["expiresAt"]!.GetValue<DateTime>() > DateTime.UtcNow);
        Assert.Equal(1, page["total"]!.GetValue<int>());

        // The other client's administrator does not see it, not even through its own user 201.
        await admin.PostJson("/api/v1/accounts", new { email = $"other-{t.Tag}@admins.test", password = SwitchboardApp.AdminPass, role = "client", clientId = t.OtherClient });
        var otherAdmin = await host.App.SignInAsync($"other-{t.Tag}@admins.test", SwitchboardApp.AdminPass);
        var others = await otherAdmin.GetJson("/api/v1/registrations");
        Assert.True(others["complete"]!.GetValue<bool>());
        Assert.DoesNotContain(Items(others), i => i["userId"]!.GetValue<int>() is var id && (id == registered || id == elsewhere));
        await otherAdmin.GetJson($"/api/v1/registrations?clientId={t.Client}", HttpStatusCode.NotFound);

        // Its reseller sees it, by client; the platform administrator too.
        var resellerId = (await admin.GetJson($"/api/v1/clients/{t.Client}"))["resellerId"]!.GetValue<int>();
        await admin.PostJson("/api/v1/accounts", new { email = $"res-{t.Tag}@admins.test", password = SwitchboardApp.AdminPass, role = "reseller", resellerId });
        var reseller = await host.App.SignInAsync($"res-{t.Tag}@admins.test", SwitchboardApp.AdminPass);
        Assert.Contains(Items(await reseller.GetJson($"/api/v1/registrations?clientId={t.Client}")), i => i["userId"]!.GetValue<int>() == registered);
        Assert.Empty(Items(await reseller.GetJson($"/api/v1/registrations?clientId={t.OtherClient}")));
        Assert.Contains(Items(await admin.GetJson("/api/v1/registrations?pageSize=500")), i => i["userId"]!.GetValue<int>() == registered);
        var outsider = (await admin.PostJson("/api/v1/resellers", new { name = $"Outsider {t.Tag}" })).Id();
        var outsiderClient = (await admin.PostJson("/api/v1/clients", new { name = $"Outsider client {t.Tag}", resellerId = outsider })).Id();
        await reseller.GetJson($"/api/v1/registrations?clientId={outsiderClient}", HttpStatusCode.NotFound);

        // The Users page marks each row; the user's page shows the details.
        var browser = await host.App.SignedIn($"sip-{t.Tag}@admins.test", SwitchboardApp.AdminPass);
        var users = await browser.GetStringAsync($"/users?ClientId={t.Client}");
        Assert.Equal("registered", RowState(users, registered));
        Assert.Equal("unregistered", RowState(users, unregistered));
        // The dashboard counts it, and its link (the Registered filter) lists exactly the registered users.
        Assert.Contains("data-count=\"registered\"><span class=\"n\">1</span>", await browser.GetStringAsync("/"));
        var registeredOnly = await browser.GetStringAsync("/users?Registered=yes");
        Assert.Equal("registered", RowState(registeredOnly, registered));
        Assert.DoesNotContain($"name=\"ids\" value=\"{unregistered}\"", registeredOnly);
        var notRegistered = await browser.GetStringAsync("/users?Registered=no");
        Assert.Equal("unregistered", RowState(notRegistered, unregistered));
        Assert.DoesNotContain($"name=\"ids\" value=\"{registered}\"", notRegistered);
        var userPage = await browser.GetStringAsync($"/users/edit/{registered}");
        Assert.Contains($"sip:201@{from}:", userPage);
        Assert.Contains("SIPp test phone", userPage);
        Assert.Contains("data-complete=\"true\"", userPage);

        // The user's own page says so too, with the phone that registered.
        var own = await OwnPageAsync(host.App, admin, t, registered);
        Assert.Contains("id=\"me-registration\" data-registration=\"registered\"", own);
        Assert.Contains("SIPp test phone", own);
    }

    [Fact]
    public async Task A_registrar_that_does_not_answer_makes_the_answer_incomplete_not_empty()
    {
        const string from = "127.0.0.42";
        var (t, registered, unregistered, _) = await RegisteredAsync(from);
        // Bounded: a registrar that never answers must not hold the request up (the server gives up on it).
        var admin = host.Unanswered.CreateClient();
        admin.Timeout = TimeSpan.FromSeconds(15);
        var token = (await admin.PostJson("/api/v1/auth/token", new { email = SwitchboardApp.AdminEmail, password = SwitchboardApp.AdminPassword }, HttpStatusCode.OK))["token"]!.GetValue<string>();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var page = await admin.GetJson($"/api/v1/registrations?clientId={t.Client}");
        Assert.False(page["complete"]!.GetValue<bool>());
        Assert.Contains(Items(page), i => i["userId"]!.GetValue<int>() == registered); // what the answering registrar holds is still shown

        var browser = host.Unanswered.Browser();
        browser.Timeout = TimeSpan.FromSeconds(15);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostLogin(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword)).StatusCode);
        var users = await browser.GetStringAsync($"/users?ClientId={t.Client}");
        Assert.Equal("registered", RowState(users, registered));
        Assert.Equal("unknown", RowState(users, unregistered));
        // The dashboard says "unavailable" rather than a number that may be wrong; the Registered filter warns.
        Assert.Contains("<span class=\"n\">Unavailable</span>", await browser.GetStringAsync("/"));
        var filtered = await browser.GetStringAsync($"/users?ClientId={t.Client}&Registered=yes");
        Assert.Contains("id=\"registrations-incomplete\"", filtered);
        Assert.Equal("registered", RowState(filtered, registered));
        Assert.Contains("data-complete=\"false\"", await browser.GetStringAsync($"/users/edit/{unregistered}"));

        // The user's own page opens all the same, saying the state is unavailable rather than "not registered".
        var own = await OwnPageAsync(host.Unanswered, admin, t, unregistered);
        Assert.Contains("id=\"me-registration\" data-registration=\"unknown\"", own);
        Assert.Contains("Unavailable", own);
    }

    /// <summary>The self-service page of <paramref name="userId"/>, signed in with a web password given to it now.</summary>
    private static async Task<string> OwnPageAsync(SwitchboardApp app, HttpClient admin, SipTenant t, int userId)
    {
        var email = (await admin.GetJson($"/api/v1/users/{userId}"))["email"]!.GetValue<string>();
        await t.UpdateUserAsync(userId, new { webPassword = SwitchboardApp.AdminPass });
        var own = await app.SignedIn(email, SwitchboardApp.AdminPass);
        return await own.GetStringAsync("/me");
    }

    private static string RowState(string html, int userId)
    {
        var m = Regex.Match(html, $"<tr data-registration=\"(\\w+)\"[^>]*>\\s*<td[^>]*><input type=\"checkbox\" name=\"ids\" value=\"{userId}\"");
        Assert.True(m.Success, $"no row for user {userId}");
        return m.Groups[1].Value;
    }
}
