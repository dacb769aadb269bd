using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Sessions and tokens end (product.md, lifecycle): signing out ends that portal session for good (its
/// cookie, replayed, goes to the sign-in page); a new password (by the person, an administrator or an
/// import), disabling or deleting the account, and sign out everywhere (API and the account's page) end
/// every portal session and API token of the account at once; other accounts' sessions are untouched.
/// Old cookies are replayed from a copy, as an attacker holding one would.
/// </summary>
public sealed class SessionsEndForGood(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private const string Pw = "Session-Pass-Old-71";
    private const string NewPw = "Session-Pass-New-72";

    [Fact]
    public async Task Signing_out_ends_that_session_and_its_cookie_replayed_goes_to_the_login_page()
    {
        var w = await SharedWorld.For(app);
        var (email, _) = await NewUserAsync(w);
        var kept = await CookieSession.SignInAsync(app, email, Pw); // another browser of the same person
        var s = await CookieSession.SignInAsync(app, email, Pw);
        var copy = s.Cookies;
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/me")).StatusCode);

        var r = await s.PostFormAsync("/logout", "/me");
        Assert.Equal("/login", r.Headers.Location!.OriginalString);

        await AssertSignedOut(copy);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/me")).StatusCode); // only that session ended
    }

    [Fact]
    public async Task A_new_own_password_through_the_api_ends_every_token_and_session()
    {
        var w = await SharedWorld.For(app);
        var (email, _) = await NewUserAsync(w);
        var other = await app.SignInAsync(email, Pw);
        var me = await app.SignInAsync(email, Pw);
        var browser = await CookieSession.SignInAsync(app, email, Pw);
        var stranger = await NewUserAsync(w);
        var strangerToken = await app.SignInAsync(stranger.Email, Pw);

        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/settings", new { webPassword = NewPw, currentPassword = Pw })).StatusCode);

        await AssertRefused(other);
        await AssertRefused(me); // the token that changed it too: every token of the old password ends
        await AssertSignedOut(browser.Cookies);
        await AssertAccepted(strangerToken);
        await AssertAccepted(await app.SignInAsync(email, NewPw));
    }

    [Fact]
    public async Task A_new_own_password_on_the_me_page_ends_every_other_session_and_keeps_this_browser_signed_in()
    {
        var w = await SharedWorld.For(app);
        var (email, _) = await NewUserAsync(w);
        var token = await app.SignInAsync(email, Pw);
        var otherBrowser = await CookieSession.SignInAsync(app, email, Pw);
        var s = await CookieSession.SignInAsync(app, email, Pw);
        var before = s.Cookies;

        var r = await s.PostFormAsync("/me", "/me", new() { ["WebPassword"] = NewPw, ["CurrentPassword"] = Pw, ["CallWaitingOn"] = "true" });
        Assert.Equal("/me", r.Headers.Location!.OriginalString);

        await AssertRefused(token);
        await AssertSignedOut(otherBrowser.Cookies);
        await AssertSignedOut(before); // this browser's old session ended too ...
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/me")).StatusCode); // ... and a new one began for it
    }

    [Fact]
    public async Task An_administrator_setting_a_new_password_ends_the_accounts_tokens_and_sessions()
    {
        var w = await SharedWorld.For(app);
        // An administrator account, given a new password by the platform administrator.
        var (accountId, accountEmail) = await NewClientAdminAsync(w);
        var accountToken = await app.SignInAsync(accountEmail, SwitchboardApp.AdminPass);
        var accountBrowser = await CookieSession.SignInAsync(app, accountEmail, SwitchboardApp.AdminPass);
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.PutAsJsonAsync($"/api/v1/accounts/{accountId}", new { password = NewPw })).StatusCode);
        await AssertRefused(accountToken);
        await AssertSignedOut(accountBrowser.Cookies);

        // A PBX user, given a new web password by its client administrator.
        var (email, id) = await NewUserAsync(w);
        var userToken = await app.SignInAsync(email, Pw);
        var userBrowser = await CookieSession.SignInAsync(app, email, Pw);
        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].PutAsJsonAsync($"/api/v1/users/{id}", new { webPassword = NewPw })).StatusCode);
        await AssertRefused(userToken);
        await AssertSignedOut(userBrowser.Cookies);
        await AssertAccepted(w.As["A1"]); // the administrator's own token is untouched
    }

    [Fact]
    public async Task An_import_that_sets_a_web_password_ends_that_users_tokens_and_sessions_only()
    {
        var w = await SharedWorld.For(app);
        var (email, id) = await NewUserAsync(w);
        var (otherEmail, otherId) = await NewUserAsync(w);
        var token = await app.SignInAsync(email, Pw);
        var browser = await CookieSession.SignInAsync(app, email, Pw);
        var otherToken = await app.SignInAsync(otherEmail, Pw);

        // One file: a new password for the first user, another change (no password) for the second.
        (await w.As["A1"].ImportRows(
        [
            new Dictionary<string, string> { ["ID"] = Kit.I(id), ["Email"] = email, ["Web Passwords"] = NewPw, ["Department"] = "" },
            new Dictionary<string, string> { ["ID"] = Kit.I(otherId), ["Email"] = otherEmail, ["Web Passwords"] = "", ["Department"] = "Moved" },
        ], headers: ["ID", "Email", "Web Passwords", "Department"])).AssertCounts(updated: 2, failed: 0);

        await AssertRefused(token);
        await AssertSignedOut(browser.Cookies);
        await AssertAccepted(otherToken); // a row that set no password leaves its user's sessions alone
        await AssertAccepted(await app.SignInAsync(email, NewPw));
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_tokens_and_sessions_and_enabling_it_does_not_bring_them_back()
    {
        var w = await SharedWorld.For(app);
        var (id, email) = await NewClientAdminAsync(w);
        var token = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        var browser = await CookieSession.SignInAsync(app, email, SwitchboardApp.AdminPass);

        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].PutAsJsonAsync($"/api/v1/accounts/{id}", new { disabled = true })).StatusCode);
        await AssertRefused(token);
        await AssertSignedOut(browser.Cookies);

        Assert.Equal(HttpStatusCode.OK, (await w.As["A1"].PutAsJsonAsync($"/api/v1/accounts/{id}", new { disabled = false })).StatusCode);
        await AssertRefused(token);
        await AssertSignedOut(browser.Cookies);
        await AssertAccepted(await app.SignInAsync(email, SwitchboardApp.AdminPass)); // a new sign-in works again
    }

    [Fact]
    public async Task Deleting_an_account_ends_its_tokens_and_sessions()
    {
        var w = await SharedWorld.For(app);
        var (id, email) = await NewClientAdminAsync(w);
        var token = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        var browser = await CookieSession.SignInAsync(app, email, SwitchboardApp.AdminPass);
        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/accounts/{id}")).StatusCode);
        await AssertRefused(token);
        await AssertSignedOut(browser.Cookies);

        var (userEmail, userId) = await NewUserAsync(w);
        var userToken = await app.SignInAsync(userEmail, Pw);
        var userBrowser = await CookieSession.SignInAsync(app, userEmail, Pw);
        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/users/{userId}")).StatusCode);
        await AssertRefused(userToken);
        await AssertSignedOut(userBrowser.Cookies);
    }

    [Fact]
    public async Task Sign_out_everywhere_through_the_api_ends_every_token_and_session_of_the_caller_its_own_included()
    {
        var w = await SharedWorld.For(app);
        var (_, email) = await NewClientAdminAsync(w);
        var caller = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        var other = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        var browser = await CookieSession.SignInAsync(app, email, SwitchboardApp.AdminPass);

        var r = await caller.PostAsync("/api/v1/me/sign-out-everywhere", null);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);

        await AssertRefused(caller);
        await AssertRefused(other);
        await AssertSignedOut(browser.Cookies);
        await AssertAccepted(w.As["A1"]); // another account of the same client keeps its token
        await AssertAccepted(await app.SignInAsync(email, SwitchboardApp.AdminPass));
        // Audited, attributed to the account.
        var audit = await w.As["A1"].GetJson("/api/v1/audit?pageSize=500");
        Assert.Contains(audit.Items(), e => e.Str("action") == "account.sign-out-everywhere" && e.Str("actor") == email);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sign_out_everywhere_on_the_account_page_ends_every_session_and_token(bool pbxUser)
    {
        var w = await SharedWorld.For(app);
        var (email, password) = pbxUser ? ((await NewUserAsync(w)).Email, Pw) : ((await NewClientAdminAsync(w)).Email, SwitchboardApp.AdminPass);
        var token = await app.SignInAsync(email, password);
        var otherBrowser = await CookieSession.SignInAsync(app, email, password);
        var s = await CookieSession.SignInAsync(app, email, password);
        var page = await (await s.GetAsync("/me")).Content.ReadAsStringAsync();
        Assert.Contains("Sign out everywhere", page);

        var r = await s.PostFormAsync("/me?handler=SignOutEverywhere", "/me");
        Assert.Equal("/login", r.Headers.Location!.OriginalString);

        await AssertSignedOut(s.Cookies); // this browser's session ended with the others
        await AssertSignedOut(otherBrowser.Cookies);
        await AssertRefused(token);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_sign_in_lockout()
    {
        var w = await SharedWorld.For(app);
        var (email, _) = await NewUserAsync(w);
        var me = await app.SignInAsync(email, Pw);
        for (var i = 0; i < 5; i++) // SignIn:LockoutFailures, 5 by default
        {
            var r = await me.PutAsJsonAsync("/api/v1/me/settings", new { webPassword = NewPw, currentPassword = $"Not-The-Password-{i}" });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        // Locked now: the right password is refused at sign-in, and as the current one.
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password = Pw });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var right = await me.PutAsJsonAsync("/api/v1/me/settings", new { webPassword = NewPw, currentPassword = Pw });
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    // ---- helpers ----

    /// <summary>A PBX user of client A1 with web password <see cref="Pw"/>.</summary>
    private static async Task<(string Email, int Id)> NewUserAsync(World w)
    {
        var person = w.Person(("Web Passwords", Pw));
        var ids = await w.As["A1"].CreateUsers(person);
        return (person["Email"], ids[0]);
    }

    /// <summary>A client administrator of A1 (password <see cref="SwitchboardApp.AdminPass"/>).</summary>
    private static async Task<(int Id, string Email)> NewClientAdminAsync(World w)
    {
        var email = $"sess-{Guid.NewGuid():N}@admins.test";
        var a = await w.As["A1"].PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = w.CA1 });
        return (a.Id(), email);
    }

    private static async Task AssertRefused(HttpClient token) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);

    private static async Task AssertAccepted(HttpClient token) =>
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);

    /// <summary>The cookies, replayed on a page that needs a session, send to the sign-in page.</summary>
    private async Task AssertSignedOut(string cookies)
    {
        var r = await CookieSession.Send(app, cookies, HttpMethod.Get, "/me");
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"replayed cookie: {(int)r.StatusCode}");
        var to = r.Headers.Location!;
        Assert.Equal("/login", to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString.Split('?')[0]);
    }
}

/// <summary>A browser whose cookies the test holds as text, so an old cookie can be replayed after it was replaced or removed.</summary>
public sealed class CookieSession(SwitchboardApp app)
{
    private readonly Dictionary<string, string> _jar = [];

    public string Cookies => string.Join("; ", _jar.Select(c => $"{c.Key}={c.Value}"));

    public static async Task<CookieSession> SignInAsync(SwitchboardApp app, string email, string password)
    {
        var s = new CookieSession(app);
        var r = await s.PostFormAsync("/login", "/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(r.StatusCode == HttpStatusCode.Redirect && s._jar.ContainsKey("switchboard"), $"portal sign-in of {email}: {(int)r.StatusCode}");
        return s;
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => Keep(await Send(app, Cookies, HttpMethod.Get, path));

    /// <summary>Posts a form with the antiforgery token of the page <paramref name="formPage"/> (as this browser sees it).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formPage, Dictionary<string, string>? fields = null)
    {
        var page = await GetAsync(formPage);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {formPage}: {(int)page.StatusCode}");
        var form = new Dictionary<string, string>(fields ?? [])
        {
            ["__RequestVerificationToken"] = Portal.AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value,
        };
        return Keep(await Send(app, Cookies, HttpMethod.Post, path, new FormUrlEncodedContent(form)));
    }

    public static async Task<HttpResponseMessage> Send(SwitchboardApp app, string cookies, HttpMethod method, string path, HttpContent? content = null)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var req = new HttpRequestMessage(method, path) { Content = content };
        if (cookies.Length > 0) req.Headers.Add("Cookie", cookies);
        return await http.SendAsync(req);
    }

    private HttpResponseMessage Keep(HttpResponseMessage r)
    {
        foreach (var c in r.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
        {
            var pair = c.Split(';')[0].Split('=', 2);
            if (pair[1].Length == 0 || c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _jar.Remove(pair[0]);
            else _jar[pair[0]] = pair[1];
        }
        return r;
    }
}
