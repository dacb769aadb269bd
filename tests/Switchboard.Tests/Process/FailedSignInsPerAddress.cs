using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

/// <summary>
/// The per-address limit of failed sign-ins on a real server (real client addresses): the address
/// is taken from X-Forwarded-For only when a trusted proxy (here: loopback, the default) sent it,
/// so people behind one proxy are told apart; from an untrusted sender the header is ignored.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class FailedSignInsPerAddress : IDisposable
{
    private const int Limit = 4;
    private readonly ServerProcess _server = new();

    public FailedSignInsPerAddress() => _server.Environment["SignIn__MaxFailuresPerAddress"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_address_that_fails_too_often_waits_while_others_behind_the_same_trusted_proxy_sign_in()
    {
        await _server.StartAsync();
        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await Token("203.0.113.7", $"guess{i}@nowhere.test", "Wrong-Pass-1"));

        // That address is turned away, even with the right password; a colleague's address is not.
        var blocked = await Send("203.0.113.7", SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword);
        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter is not null, "a 429 says when to try again");
        Assert.Contains("Too many failed sign-ins", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await Token("203.0.113.8", SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword));
    }

    [Fact]
    public async Task X_forwarded_for_from_a_sender_that_is_not_a_trusted_proxy_is_ignored()
    {
        _server.Environment["Network__TrustedProxies__0"] = "10.255.255.1";
        await _server.StartAsync();
        // Each failure claims another address, but loopback is not trusted here: all count for 127.0.0.1.
        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await Token($"198.51.100.{i + 1}", $"guess{i}@nowhere.test", "Wrong-Pass-1"));
        Assert.Equal((HttpStatusCode)429, await Token("198.51.100.200", SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword));
    }

    private async Task<HttpStatusCode> Token(string forwardedFor, string email, string password) =>
        (await Send(forwardedFor, email, password)).StatusCode;

    private async Task<HttpResponseMessage> Send(string forwardedFor, string email, string password)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request);
    }
}
