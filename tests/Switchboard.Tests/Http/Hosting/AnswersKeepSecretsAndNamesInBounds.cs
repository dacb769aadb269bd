using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Answers carrying a token or a secret are never stored by a cache; HTTPS answers tell the browser
/// to keep to HTTPS; an upload's file name is kept at most 255 characters long.
/// </summary>
public sealed class AnswersKeepSecretsAndNamesInBounds(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static void NoStore(HttpResponseMessage r, string what)
    {
        Assert.True(r.IsSuccessStatusCode, $"{what}: {(int)r.StatusCode}");
        Assert.True(r.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {r.Headers.CacheControl}");
    }

    [Fact]
    public async Task Answers_carrying_tokens_or_secrets_are_not_stored_by_caches()
    {
        var w = await SharedWorld.For(app);
        var person = w.Person(("Web Passwords", "No-Store-Pass-83"));
        var ids = await w.As["A1"].CreateUsers(person);
        NoStore(await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = SwitchboardApp.AdminEmail, password = SwitchboardApp.AdminPassword }), "POST /auth/token");
        NoStore(await w.As["A1"].GetAsync($"/api/v1/users/{ids[0]}?includeSecrets=true"), "GET /users/{id}?includeSecrets=true");
        var me = await app.SignInAsync(person["Email"], "No-Store-Pass-83");
        NoStore(await me.GetAsync("/api/v1/me/settings"), "GET /me/settings");
    }

    [Theory]
    [InlineData("https://localhost", null)]
    [InlineData("https://pbx.example.test", null)]
    [InlineData("http://switchboard.internal", "https")]
    public async Task Https_answers_carry_strict_transport_security_of_at_least_180_days(string baseAddress, string? forwardedProto)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress),
        });
        foreach (var path in new[] { "/login", "/api/v1/me", "/healthz" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            // The test server's connection comes from loopback, the default trusted proxy.
            if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            var r = await http.SendAsync(request);
            Assert.True(r.Headers.TryGetValues("Strict-Transport-Security", out var values), $"{baseAddress}{path}: no Strict-Transport-Security");
            var maxAge = values!.Single().Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("max-age=", StringComparison.Ordinal));
            Assert.True(long.Parse(maxAge["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 15552000, maxAge);
        }
    }

    [Fact]
    public async Task Plain_http_answers_carry_no_strict_transport_security()
    {
        var r = await app.CreateClient().GetAsync("/healthz");
        Assert.False(r.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_upload_file_name_is_kept_at_most_255_characters()
    {
        var w = await SharedWorld.For(app);
        var name = new string('n', 5000) + ".csv";
        var r = await w.As["A1"].Upload(Encoding.UTF8.GetBytes(Csv.Write([w.Soft()])), dryRun: true, fileName: name);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var job = await w.As["A1"].GetJson(r.Headers.Location!.ToString());
        var kept = job["fileName"]!.GetValue<string>();
        Assert.Equal(255, kept.Length);
        Assert.Equal(name[..255], kept);
    }
}
