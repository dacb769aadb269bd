using System.Net;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// A portal cookie whose account is gone signs the person out (to the sign-in page), and a sign-in
/// with any local return address, also one with non-ASCII characters, signs in and redirects safely.
/// </summary>
public sealed class PortalSessionsEndCleanly(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_deleted_users_cookie_on_the_me_page_signs_out_to_the_login_page()
    {
        var w = await SharedWorld.For(app);
        var person = w.Person(("Web Passwords", "Deleted-Cookie-Pass-61"));
        var ids = await w.As["A1"].CreateUsers(person);
        var browser = await app.SignedIn(person["Email"], "Deleted-Cookie-Pass-61");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        var r = await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/login", r.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The cookie is gone: the next page is the sign-in page again, not a 500.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/me")).StatusCode);
    }

    [Theory]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/users?search=Zoë", "/users?search=Zo%C3%AB")]
    [InlineData("//evil.test/x", "/")]
    [InlineData("https://evil.test/", "/")]
    public async Task A_sign_in_with_any_return_address_signs_in_and_redirects_locally(string returnUrl, string expected)
    {
        var browser = app.Browser();
        var r = await browser.PostLogin(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword, returnUrl);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        Assert.Equal(expected, r.Headers.Location!.OriginalString);
        // Signed in: a page needing a session does not send back to the sign-in page.
        var home = await browser.GetAsync("/");
        Assert.DoesNotContain("/login", home.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True((int)home.StatusCode < 400, $"{(int)home.StatusCode}");
    }
}
