using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// A host whose accounts lock after 3 wrong passwords, for 20 seconds: long enough that a slow, loaded
/// machine still sees the lock hold while a test checks it, short enough to wait out once.
/// </summary>
public sealed class QuickLockout : IDisposable
{
    public const int Failures = 3;
    public const int LockoutSeconds = 20;
    public SwitchboardApp App { get; } = new();

    public QuickLockout()
    {
        App.ExtraSettings["SignIn:LockoutFailures"] = Failures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.ExtraSettings["SignIn:LockoutSeconds"] = LockoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Failed sign-ins: one answer whatever the reason (unknown account, wrong password, no web
/// password, locked account), accounts lock after repeated wrong passwords and unlock later,
/// one account's lockout never touches another's; cookies and security headers.
/// </summary>
public sealed partial class SignInDefence(QuickLockout host) : IClassFixture<QuickLockout>
{
    private SwitchboardApp App => host.App;

    [Fact]
    public async Task Unknown_account_wrong_password_no_password_and_locked_account_get_the_same_answer()
    {
        var w = await World.CreateAsync(App);
        var userEmail = $"nopw-{w.Tag}@example.test";
        (await w.As["A1"].ImportRows([w.Soft(("Email", userEmail))])).AssertCounts(created: 1);
        var lockedEmail = w.Emails["A2"];
        for (var i = 0; i < QuickLockout.Failures; i++) await Token(lockedEmail, "wrong-" + i);

        var answers = new[]
        {
            await Token($"nobody-{w.Tag}@example.test", "Whatever-Pass-1"),
            await Token(w.Emails["A1"], "Not-The-Password-1"),
            await Token(userEmail, "Whatever-Pass-1"),
            await Token(lockedEmail, SwitchboardApp.AdminPass), // the right password, while locked
        };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
    }

    [Fact]
    public async Task An_account_locks_after_repeated_wrong_passwords_without_locking_others_and_unlocks_later()
    {
        var w = await World.CreateAsync(App);
        var email = w.Emails["B1"];
        for (var i = 0; i < QuickLockout.Failures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(email, "wrong-" + i)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(email, SwitchboardApp.AdminPass)).Status);

        // Another account from the same address signs in as usual.
        Assert.Equal(HttpStatusCode.OK, (await Token(w.Emails["A1"], SwitchboardApp.AdminPass)).Status);

        await Task.Delay(TimeSpan.FromSeconds(QuickLockout.LockoutSeconds + 0.5));
        Assert.Equal(HttpStatusCode.OK, (await Token(email, SwitchboardApp.AdminPass)).Status);
    }

    [Fact]
    public async Task A_right_password_before_the_threshold_starts_the_count_again()
    {
        var w = await World.CreateAsync(App);
        var email = w.Emails["A2"];
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < QuickLockout.Failures - 1; i++) await Token(email, "wrong-" + i);
            Assert.Equal(HttpStatusCode.OK, (await Token(email, SwitchboardApp.AdminPass)).Status);
        }
    }

    [Fact]
    public async Task Sign_in_cookies_are_http_only_same_site_strict_and_secure_over_https()
    {
        foreach (var https in new[] { false, true })
        {
            var http = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"), HandleCookies = false,
            });
            var form = await http.GetAsync("/login");
            var antiforgery = form.Headers.GetValues("Set-Cookie").ToList();
            var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
            var post = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = SwitchboardApp.AdminEmail, ["Password"] = SwitchboardApp.AdminPassword, ["__RequestVerificationToken"] = token,
                }),
            };
            post.Headers.Add("Cookie", string.Join("; ", antiforgery.Select(c => c.Split(';')[0])));
            var signedIn = await http.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var cookies = antiforgery.Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
            Assert.Contains(cookies, c => c.StartsWith("switchboard=", StringComparison.Ordinal));
            foreach (var c in cookies)
            {
                var attributes = c.ToLowerInvariant();
                Assert.True(attributes.Contains("httponly") && attributes.Contains("samesite=strict"), c);
                Assert.True(attributes.Contains("secure") == https, $"{(https ? "https" : "http")}: {c}");
            }
        }
    }

    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers()
    {
        var http = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/login", "/api/v1/me", "/healthz" })
        {
            var r = await http.GetAsync(path);
            var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        }
        // The pages keep to it: no inline script, no inline style attribute on the sign-in page.
        var login = await http.GetStringAsync("/login");
        Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)", RegexOptions.IgnoreCase), login);
        Assert.DoesNotContain(" style=\"", login, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode Status, string Body)> Token(string email, string password)
    {
        var r = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var body = await r.Content.ReadAsStringAsync();
        if (r.StatusCode != HttpStatusCode.OK)
        {
            var json = JsonNode.Parse(body)!.AsObject();
            json.Remove("traceId");
            body = json.ToJsonString();
        }
        return (r.StatusCode, body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
