using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// A person sets a new web password of their own only with the current one (API and page alike): a
/// missing or wrong one is a 400 naming "currentPassword", and the password stays as it was.
/// </summary>
public sealed class OwnPasswordNeedsTheCurrentOne(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private const string Old = "Current-Pass-Old-52";

    [Fact]
    public async Task The_api_refuses_a_new_password_without_the_right_current_one()
    {
        var w = await SharedWorld.For(app);
        var person = w.Person(("Web Passwords", Old));
        await w.As["A1"].CreateUsers(person);
        var me = await app.SignInAsync(person["Email"], Old);

        foreach (var body in new object[]
        {
            new { webPassword = "Current-Pass-New-53" },
            new { webPassword = "Current-Pass-New-53", currentPassword = "" },
            new { webPassword = "Current-Pass-New-53", currentPassword = "Not-The-Password-1" },
        })
        {
            var r = await me.PutAsJsonAsync("/api/v1/me/settings", body);
            var p = await r.ReadProblem();
            Assert.Equal(HttpStatusCode.BadRequest, p.Status);
            Assert.Equal(["currentPassword"], p.Json!["errors"]!.AsObject().Select(e => e.Key));
        }
        await app.SignInAsync(person["Email"], Old); // unchanged

        // Other settings need no password; with the right one the password changes.
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/settings", new { dndOn = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/settings",
            new { webPassword = "Current-Pass-New-53", currentPassword = Old })).StatusCode);
        await app.SignInAsync(person["Email"], "Current-Pass-New-53");
    }

    [Fact]
    public async Task The_me_page_asks_for_the_current_password_to_set_a_new_one()
    {
        var w = await SharedWorld.For(app);
        var person = w.Person(("Web Passwords", Old));
        await w.As["A1"].CreateUsers(person);
        var browser = await app.SignedIn(person["Email"], Old);
        Assert.Contains("name=\"CurrentPassword\"", await browser.GetStringAsync("/me"));

        async Task<HttpResponseMessage> Save(string current) => await browser.PostAsync("/me", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await browser.FormToken("/me"), ["WebPassword"] = "Current-Pass-Page-54",
                ["CurrentPassword"] = current, ["CallWaitingOn"] = "true",
            }));
        var wrong = await Save("Not-The-Password-1");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the page again, with the message by the field
        Assert.Contains("current web password is not correct", await wrong.Content.ReadAsStringAsync());
        await app.SignInAsync(person["Email"], Old);
        Assert.Equal(HttpStatusCode.Redirect, (await Save(Old)).StatusCode);
        await app.SignInAsync(person["Email"], "Current-Pass-Page-54");
    }
}
