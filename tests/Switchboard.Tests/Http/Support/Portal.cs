using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Support;

/// <summary>Signing in to the portal as a browser would: the form, its antiforgery token, the cookie.</summary>
public static partial class Portal
{
    public static HttpClient Browser(this SwitchboardApp app, bool https = false) =>
        app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        });

    public static async Task<string> FormToken(this HttpClient browser, string path)
    {
        var form = await browser.GetAsync(path);
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)form.StatusCode}");
        return AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    /// <summary>Posts the sign-in form (with a ReturnUrl if given) and returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostLogin(this HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var token = await browser.FormToken("/login");
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null) fields["ReturnUrl"] = returnUrl;
        return await browser.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpClient> SignedIn(this SwitchboardApp app, string email, string password)
    {
        var browser = app.Browser();
        var r = await browser.PostLogin(email, password);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"portal sign-in of {email}: {(int)r.StatusCode}");
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}
