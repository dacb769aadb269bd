using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>A reseller with two clients of known SIP domains, and the first client's administrator (who imports).</summary>
public sealed class SipTenant
{
    public required HttpClient Admin { get; init; }
    public required HttpClient ClientAdmin { get; init; }
    public required string Tag { get; init; }
    public required int Client { get; init; }
    public required int OtherClient { get; init; }
    public required string Domain { get; init; }
    public required string OtherDomain { get; init; }
    private int _seq;

    public static async Task<SipTenant> CreateAsync(SwitchboardApp app)
    {
        var admin = await app.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"SIP reseller {tag}" })).Id();
        var domain = $"a-{tag}.pbx.test";
        var otherDomain = $"b-{tag}.pbx.test";
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"SIP A {tag}", resellerId = reseller, sipDomain = domain })).Id();
        var other = (await admin.PostJson("/api/v1/clients", new { name = $"SIP B {tag}", resellerId = reseller, sipDomain = otherDomain })).Id();
        var email = $"sip-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = client });
        return new SipTenant
        {
            Admin = admin, ClientAdmin = await app.SignInAsync(email, SwitchboardApp.AdminPass), Tag = tag,
            Client = client, OtherClient = other, Domain = domain, OtherDomain = otherDomain,
        };
    }

    /// <summary>Creates a user of <paramref name="clientId"/> (default: the first client) through the API; returns its ID.</summary>
    public async Task<int> CreateUserAsync(string extension, string secret, int? clientId = null)
    {
        var i = Interlocked.Increment(ref _seq);
        var user = await Admin.PostJson("/api/v1/users", new
        {
            clientId = clientId ?? Client, firstName = $"Sip{i}", lastName = "Phone", email = $"sip{i}-{Tag}@example.test",
            extension, phoneSecret = secret,
        });
        return user.Id();
    }

    public async Task UpdateUserAsync(int id, object change)
    {
        var r = await Admin.PutAsJsonAsync($"/api/v1/users/{id}", change);
        Assert.True(r.IsSuccessStatusCode, $"PUT user {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    public async Task SetDomainAsync(int clientId, string domain)
    {
        var r = await Admin.PutAsJsonAsync($"/api/v1/clients/{clientId}", new { sipDomain = domain });
        Assert.True(r.IsSuccessStatusCode, $"PUT client {clientId}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    public async Task DeleteUserAsync(int id)
    {
        var r = await Admin.DeleteAsync($"/api/v1/users/{id}");
        Assert.True(r.IsSuccessStatusCode, $"DELETE user {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    /// <summary>Imports rows (ID plus the given cells) into the first client as its administrator; all must apply.</summary>
    public async Task ImportAsync(params Dictionary<string, string>[] rows)
    {
        var headers = rows.SelectMany(r => r.Keys).Distinct().ToArray();
        var result = await ClientAdmin.ImportRows(rows, headers);
        result.AssertCounts(failed: 0);
    }

    public static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Extensions unique within a test: the tag keeps tests apart.</summary>
    public string Ext(int n) => I(100 + n);

    public static JsonObject Body(params (string Key, object Value)[] values) => new(values.Select(v => KeyValuePair.Create(v.Key, JsonValue.Create(v.Value) as JsonNode)));
}
