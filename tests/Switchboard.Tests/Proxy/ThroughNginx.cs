using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Proxy;

/// <summary>A real server behind Debian's nginx running deploy/nginx/switchboard.conf, started once for the class.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NginxInFront : IAsyncLifetime
{
    /// <summary>Import:MaxFileBytes of the server, and nginx's client_max_body_size: that plus 1 MB, as in the shipped file (256 MB + 1 MB).</summary>
    public const int MaxFileBytes = 1024 * 1024;
    public const string NginxMaxBody = "2m";
    public const int MaxFailuresPerAddress = 3;

    public ServerProcess Server { get; } = new();
    public NginxProcess Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server.Environment["Import__MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Server.Environment["SignIn__MaxFailuresPerAddress"] = MaxFailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Server.StartAsync();
        Nginx = await NginxProcess.StartAsync(Server.BaseAddress, NginxMaxBody);
    }

    public Task DisposeAsync()
    {
        Nginx?.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The production shape, checked through the proxy a phone and a browser reach: TLS ends at nginx,
/// Switchboard sees HTTPS and the client's own address (X-Forwarded-Proto/-For from nginx on loopback,
/// a trusted proxy by default), so cookies are Secure, HSTS is sent, sign-in limits and provisioning
/// records use the address nginx saw (never one the client claims), Basic provisioning works over
/// HTTPS, and uploads are bounded at the configured size with a clear 413 from either side.
/// Clients connect from 127.0.0.2 and up, so each is a different address to nginx.
/// </summary>
[Collection(ServerProcessCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ThroughNginx(NginxInFront f) : IClassFixture<NginxInFront>
{
    private static readonly IPAddress Alice = IPAddress.Parse("127.0.0.2"), Bob = IPAddress.Parse("127.0.0.3"),
        Phone = IPAddress.Parse("127.0.0.4"), Admin = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task Portal_cookies_are_secure_and_hsts_is_sent_once_over_https_and_plain_http_redirects()
    {
        var cookies = new CookieContainer();
        using var browser = f.Nginx.Client(Admin, cookies: cookies);
        var form = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal([$"max-age={365 * 24 * 3600}"], form.Headers.GetValues("Strict-Transport-Security"));
        AssertProtected(form, "antiforgery");

        var token = Http.Support.Portal.AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = ServerProcess.AdminEmail, ["Password"] = ServerProcess.AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        AssertProtected(signIn, "sign-in");
        var home = await browser.GetAsync("/");
        Assert.False(home.Headers.Location?.ToString().Contains("login", StringComparison.OrdinalIgnoreCase) ?? false, "signed in through the proxy, the portal does not send back to the sign-in");

        using var plain = f.Nginx.Client(Admin, https: false);
        var redirect = await plain.GetAsync("/login");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location!.Scheme);
        Assert.Equal("/login", redirect.Headers.Location.AbsolutePath);
        // /metrics is for Prometheus on the machine itself, never through the proxy (nginx answers 404 itself).
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/metrics")).StatusCode);
    }

    private static void AssertProtected(HttpResponseMessage r, string which)
    {
        Assert.True(r.Headers.TryGetValues("Set-Cookie", out var set), $"the {which} answer sets a cookie");
        foreach (var cookie in set!)
        {
            var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.True(attributes.Contains("secure") && attributes.Contains("httponly") && attributes.Contains("samesite=strict"),
                $"cookie without secure, httponly or samesite=strict behind the TLS proxy: {cookie}");
        }
    }

    [Fact]
    public async Task Sign_in_limits_count_the_address_nginx_saw_not_one_the_client_claims()
    {
        // Both clients claim the same address; nginx replaces the claim with the address each came from.
        using var alice = f.Nginx.Client(Alice);
        using var bob = f.Nginx.Client(Bob);
        for (var i = 0; i < NginxInFront.MaxFailuresPerAddress; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(alice, $"guess{i}@nowhere.test", "Wrong-Pass-1")).StatusCode);

        var blocked = await Token(alice, ServerProcess.AdminEmail, ServerProcess.AdminPassword);
        Assert.Equal((HttpStatusCode)429, blocked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Token(bob, ServerProcess.AdminEmail, ServerProcess.AdminPassword)).StatusCode);
    }

    private static Task<HttpResponseMessage> Token(HttpClient http, string email, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.77");
        return http.SendAsync(request);
    }

    [Fact]
    public async Task A_desk_phone_gets_its_file_with_basic_over_https_and_its_address_is_the_one_nginx_saw()
    {
        var (user, file, username, password, admin) = await DeskPhoneAsync();
        using var phone = f.Nginx.Client(Phone);
        var fetch = new HttpRequestMessage(HttpMethod.Get, "/provisioning/" + file);
        fetch.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        fetch.Headers.Add("X-Forwarded-For", "203.0.113.78");
        fetch.Headers.UserAgent.ParseAdd("Yealink SIP-T46U 108.86.0.20");
        var served = await phone.SendAsync(fetch);
        var body = await served.Content.ReadAsStringAsync();
        Assert.True(served.StatusCode == HttpStatusCode.OK, $"provisioning through nginx: {(int)served.StatusCode} {body}");
        // As the phone reached it: https (X-Forwarded-Proto), and the host nginx passes (without a port; Provisioning:PublicUrl sets one).
        Assert.Contains("url=https://localhost/provisioning/", body, StringComparison.Ordinal);

        // The fetch is recorded in a batch: its address shows on the user once written.
        string? address = null;
        for (var i = 0; i < 100 && address is null; i++)
        {
            address = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{user}"))!["ipAddress"]?.GetValue<string>();
            if (address is null) await Task.Delay(200);
        }
        Assert.Equal(Phone.ToString(), address);

        // Plain HTTP reaches Switchboard too, which refuses it (Provisioning:AllowHttp is off): the phone is told why.
        using var plain = f.Nginx.Client(Phone, https: false);
        var refused = await plain.GetAsync("/provisioning/" + file);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("provisioning needs HTTPS\n", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_at_the_limit_passes_and_larger_ones_get_a_413_that_says_why()
    {
        var (_, _, _, _, admin) = await DeskPhoneAsync();
        var client = await ClientAdminAsync(admin);
        using var http = f.Nginx.Client(Admin);
        http.DefaultRequestHeaders.Authorization = client;

        var exact = await Upload(http, CsvOfSize(NginxInFront.MaxFileBytes));
        Assert.True(exact.StatusCode == HttpStatusCode.Accepted, $"an upload of exactly Import:MaxFileBytes: {(int)exact.StatusCode} {await exact.Content.ReadAsStringAsync()}");
        var job = await WaitAsync(http, exact.Headers.Location!.ToString());
        Assert.Equal(1, job["created"]!.GetValue<int>());

        // One byte over: nginx lets it through, Switchboard refuses it naming its limit.
        var over = await Upload(http, CsvOfSize(NginxInFront.MaxFileBytes + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        var detail = JsonNode.Parse(await over.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains("The file is larger than 1 MB, the most one import takes", detail, StringComparison.Ordinal);

        // Over nginx's client_max_body_size: refused by nginx before Switchboard reads it, with the shipped message.
        var huge = await Upload(http, CsvOfSize(3 * NginxInFront.MaxFileBytes));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await huge.Content.ReadAsStringAsync())!;
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Contains("larger than this server takes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient http, byte[] csv) =>
        http.PostAsync("/api/v1/users/import", new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "users.csv" } });

    /// <summary>A users.csv of exactly <paramref name="size"/> bytes: one new user (extension 2999, below the desk phones'), then blank lines (which imports skip).</summary>
    private static byte[] CsvOfSize(int size)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var head = Encoding.UTF8.GetBytes($"First Name,Last Name,Email,Extension\nPat,Limit,pat-{tag}@example.test,2999\n");
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'\n');
        return bytes;
    }

    private static async Task<JsonObject> WaitAsync(HttpClient http, string location)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = (await http.GetFromJsonAsync<JsonObject>(location))!;
            if (job["status"]!.GetValue<string>() is "completed" or "failed") return job;
            await Task.Delay(200);
        }
        throw new TimeoutException("the import did not finish");
    }

    private int _clientId;
    private string? _clientAdmin;

    /// <summary>The client's administrator (made once), signed in directly on the server.</summary>
    private async Task<AuthenticationHeaderValue> ClientAdminAsync(HttpClient admin)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        _clientAdmin = $"client-{tag}@admins.test";
        await PostJson(admin, "/api/v1/accounts", new { email = _clientAdmin, password = SwitchboardApp.AdminPass, role = "client", clientId = _clientId });
        using var http = await f.Server.SignInAsync(_clientAdmin, SwitchboardApp.AdminPass);
        return http.DefaultRequestHeaders.Authorization!;
    }

    /// <summary>A reseller with provisioning credentials, a client, and a desk phone user on a Yealink template (straight to the server, as the platform admin).</summary>
    private async Task<(int User, string File, string Username, string Password, HttpClient Admin)> DeskPhoneAsync()
    {
        var admin = await f.Server.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var reseller = (await PostJson(admin, "/api/v1/resellers", new { name = $"Proxy reseller {tag}" }))["id"]!.GetValue<int>();
        _clientId = (await PostJson(admin, "/api/v1/clients", new { name = $"Proxy client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var model = (await PostJson(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = $"T46U-{tag}" }))["id"]!.GetValue<int>();
        var template = (await PostJson(admin, "/api/v1/provisioning-templates",
            new { name = $"Yealink {tag}", phoneModelId = model, body = "ext={{extension}}\nurl={{provisioning_url}}\n" }))["id"]!.GetValue<int>();
        var mac = World.RandomMac();
        var user = (await PostJson(admin, "/api/v1/users", new
        {
            clientId = _clientId, firstName = "Desk", lastName = "Phone", email = $"desk-{tag}@example.test",
            extension = Random.Shared.Next(3000, 8999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phoneModelId = model, provisioningTemplateId = template, macAddress = mac,
        }))["id"]!.GetValue<int>();
        var credentials = await PostJson(admin, $"/api/v1/resellers/{reseller}/provisioning/password", new { }, HttpStatusCode.OK);
        return (user, mac.Replace(":", "").ToLowerInvariant() + ".cfg", credentials["username"]!.GetValue<string>(), credentials["password"]!.GetValue<string>(), admin);
    }

    private static async Task<JsonObject> PostJson(HttpClient http, string path, object body, HttpStatusCode expect = HttpStatusCode.Created)
    {
        var r = await http.PostAsJsonAsync(path, body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expect, $"POST {path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
