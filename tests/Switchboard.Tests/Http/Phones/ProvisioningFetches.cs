using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;
using static Switchboard.Tests.Http.Phones.PhoneFetch;

namespace Switchboard.Tests.Http.Phones;

/// <summary>A host with small provisioning limits, so the 429s are reached in a few requests.</summary>
public sealed class ProvisioningHost : IDisposable
{
    public const int MaxFailuresPerAddress = 5, MaxNotFoundPerCredential = 8;
    public SwitchboardApp App { get; } = new();

    public ProvisioningHost()
    {
        App.ExtraSettings["Provisioning:MaxFailuresPerAddress"] = MaxFailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.ExtraSettings["Provisioning:MaxNotFoundPerCredential"] = MaxNotFoundPerCredential.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => App.Dispose();
}

/// <summary>A reseller's world with provisioning credentials set, and helpers to make desk phones in it.</summary>
public sealed record ProvisioningWorld(World W, string Username, string Password)
{
    private static int _address;

    /// <summary>A client address no other fetch of the run used, so one test's failures never throttle another's.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _address);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    public static async Task<ProvisioningWorld> CreateAsync(SwitchboardApp app)
    {
        var w = await World.CreateAsync(app);
        var set = await w.As["resA"].PostJson($"/api/v1/resellers/{w.ResA}/provisioning/password", new { }, HttpStatusCode.OK);
        return new ProvisioningWorld(w, set.Str("username")!, set.Str("password")!);
    }

    /// <summary>A desk phone user of client A1 on a template of that vendor's phone model; returns its ID and MAC.</summary>
    public async Task<(int Id, string Mac)> DeskPhoneAsync(string vendor = "Yealink", string body = "account.1.user_name = {{extension}}\n", string client = "A1")
    {
        var model = (await W.Admin.PostJson("/api/v1/phone-models", new { vendor, model = $"M-{Guid.NewGuid():N}"[..20] })).Id();
        var template = (await W.Admin.PostJson("/api/v1/provisioning-templates", new { name = $"{vendor} {Guid.NewGuid():N}", phoneModelId = model, body })).Id();
        var mac = World.RandomMac();
        var ids = await W.As[client].CreateUsers(W.Soft(("Phone Model ID", Kit.I(model)), ("Provisioning Template ID", Kit.I(template)), ("Mac Address", mac)));
        return (ids[0], mac);
    }

    public Task<Fetched> Fetch(SwitchboardApp app, string file, PhoneAuth auth = PhoneAuth.Basic, bool https = true, string? address = null,
        string? userAgent = null, string? password = null) =>
        GetAsync(app, file, auth, Username, password ?? Password, https, address ?? NewAddress(), userAgent);
}

/// <summary>
/// GET /provisioning/{file} as phones.md says: HTTPS (through a trusted proxy) with Basic or Digest,
/// plain HTTP refused, one identical 404 for every file that is not this reseller's phone's, the
/// vendors' file names, 429 per address and per credential, and what a fetch records.
/// </summary>
public sealed class ProvisioningFetches(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    private SwitchboardApp App => host.App;

    [Theory]
    [InlineData(PhoneAuth.Basic)]
    [InlineData(PhoneAuth.DigestMd5)]
    [InlineData(PhoneAuth.DigestSha256)]
    public async Task Over_https_basic_and_digest_serve_the_phones_file_uncached(PhoneAuth auth)
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (id, mac) = await p.DeskPhoneAsync(body: "ext={{extension}}\nsecret={{phone_secret}}\nmac={{mac}}\nurl={{provisioning_url}}\n");
        var r = await p.Fetch(App, Hex(mac) + ".cfg", auth);
        Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status} {r.Text}");
        Assert.Equal("text/plain; charset=utf-8", r.ContentType);
        Assert.Equal("no-store", r.CacheControl);
        // The user's template rendered for the user (the Liquid renderer), with its real phone secret.
        var user = await p.W.As["A1"].GetUser(id, secrets: true);
        Assert.Equal($"ext={user.Str("extension")}\nsecret={user.Str("phoneSecret")}\nmac={Hex(mac)}\nurl=https://localhost/provisioning/\n", r.Text); // as the phone reached it (HTTPS through the proxy)
    }

    [Fact]
    public async Task Without_credentials_or_with_wrong_ones_the_answer_is_401_with_digest_challenges_md5_first_then_sha256()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        foreach (var (auth, password) in new[] { (PhoneAuth.None, p.Password), (PhoneAuth.Basic, "wrong-" + p.Password), (PhoneAuth.DigestMd5, "wrong"), (PhoneAuth.DigestSha256, "wrong") })
        {
            var r = await p.Fetch(App, Hex(mac) + ".cfg", auth, password: password);
            Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
            Assert.Equal(2, r.Challenges.Length);
            Assert.StartsWith("Digest ", r.Challenges[0]);
            Assert.Contains("algorithm=MD5", r.Challenges[0]);
            Assert.Contains("algorithm=SHA-256", r.Challenges[1]);
            Assert.All(r.Challenges, c => Assert.Contains("qop=\"auth\"", c));
            Assert.All(r.Challenges, c => Assert.Equal("switchboard", Param(c, "realm")));
        }
    }

    [Fact]
    public async Task A_forged_or_foreign_nonce_is_refused()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        var path = "/provisioning/" + Hex(mac) + ".cfg";
        var forged = "Digest realm=\"switchboard\", qop=\"auth\", algorithm=MD5, nonce=\"AAAAAGlQaXBBQUFBQUFBQUFBQUFBQUFB\"";
        var http = App.CreateClient();
        var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.Add("X-Forwarded-Proto", "https");
        req.Headers.Add("X-Forwarded-For", ProvisioningWorld.NewAddress());
        req.Headers.TryAddWithoutValidation("Authorization", DigestAnswer(forged, "GET", path, p.Username, p.Password, sha256: false));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(req)).StatusCode);
    }

    [Fact]
    public async Task Plain_http_is_refused_with_403_provisioning_needs_https()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        foreach (var auth in new[] { PhoneAuth.None, PhoneAuth.Basic, PhoneAuth.DigestMd5 })
        {
            var r = await p.Fetch(App, Hex(mac) + ".cfg", auth, https: false);
            Assert.Equal(HttpStatusCode.Forbidden, r.Status);
            Assert.Contains("provisioning needs HTTPS", r.Text);
        }
    }

    [Fact]
    public async Task Every_not_found_case_answers_the_same_404_byte_for_byte()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();                            // reseller A's Yealink: <mac>.cfg only
        var (_, foreign) = await p.DeskPhoneAsync(client: "B1");             // reseller B's phone
        // A softphone user cannot hold a MAC (the user rules refuse one), so its case is an unknown MAC's; a softphone
        // user's extension in the name is not a file name at all.
        var soft = (await p.W.As["A1"].CreateUsers(p.W.Soft()))[0];
        var cases = new (string What, string File, string? Agent)[]
        {
            ("an unknown MAC", Hex(World.RandomMac()) + ".cfg", null),
            ("another reseller's phone", Hex(foreign) + ".cfg", null),
            ("a softphone user's ID", $"{soft}.cfg", null),
            ("a name Yealink phones do not use", "cfg" + Hex(mac) + ".xml", null),
            ("a name Yealink phones do not use (.xml)", Hex(mac) + ".xml", null),
            ("a User-Agent naming another MAC", Hex(mac) + ".cfg", "Yealink SIP-T46U 108.86.0.20 00:15:65:01:02:03"),
            ("a vendor's common first file", "000000000000.cfg", null),
        };
        var ok = await p.Fetch(App, Hex(mac) + ".cfg", userAgent: $"Yealink SIP-T46U 108.86.0.20 {mac.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var answers = new List<(string What, Fetched R)>();
        foreach (var (what, file, agent) in cases) answers.Add((what, await p.Fetch(App, file, userAgent: agent)));
        var first = answers[0].R;
        Assert.Equal(HttpStatusCode.NotFound, first.Status);
        Assert.Equal("no-store", first.CacheControl);
        foreach (var (what, r) in answers)
        {
            Assert.True(r.Status == HttpStatusCode.NotFound, $"{what}: {r.Status}");
            Assert.True(first.Body.AsSpan().SequenceEqual(r.Body), $"{what}: body differs");
            Assert.True(first.Headers == r.Headers, $"{what}: headers differ\n{r.Headers}\n---\n{first.Headers}");
        }
        // With Digest too: the same bytes.
        var digest = await p.Fetch(App, Hex(foreign) + ".cfg", PhoneAuth.DigestSha256);
        Assert.True(first.Body.AsSpan().SequenceEqual(digest.Body) && first.Headers == digest.Headers && digest.Status == HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Yealink", "{mac}.cfg", "{MAC}.CFG", "{mac}.xml")]
    [InlineData("Fanvil", "{mac}.cfg", "{MAC}.cfg", "cfg{mac}.xml")]
    [InlineData("Polycom", "{mac}.cfg", "{MAC}.cfg", "{mac}.xml")]
    [InlineData("Grandstream", "cfg{mac}.xml", "cfg{MAC}", "{mac}.cfg")]
    [InlineData("Grandstream", "cfg{mac}", "CFG{MAC}.XML", "{mac}.xml")]
    [InlineData("Cisco", "{mac}.xml", "{MAC}.cfg", "cfg{mac}.xml")]
    [InlineData("Cisco", "SEP{MAC}.cnf.xml", "SEP{mac}.cnf.xml", "snom-{MAC}.htm")]
    [InlineData("Snom", "{MAC}.xml", "snomD785-{MAC}.htm", "{mac}.cfg")]
    [InlineData("snom", "snom370-{mac}.htm", "{mac}.xml", "cfg{mac}")]
    [InlineData("Acme Phones", "{mac}.cfg", "{MAC}.xml", "cfg{mac}.xml")]
    public async Task Each_vendor_gets_its_own_file_names_with_the_mac_in_any_case_and_no_other(string vendor, string name, string otherCase, string notItsName)
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync(vendor);
        string F(string pattern) => pattern.Replace("{mac}", Hex(mac)).Replace("{MAC}", Hex(mac).ToUpperInvariant());
        foreach (var file in new[] { F(name), F(otherCase) })
        {
            var r = await p.Fetch(App, file);
            Assert.True(r.Status == HttpStatusCode.OK, $"{vendor} {file}: {r.Status}");
            Assert.Equal(file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "text/xml; charset=utf-8" : "text/plain; charset=utf-8", r.ContentType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await p.Fetch(App, F(notItsName))).Status);
    }

    [Fact]
    public async Task Too_many_failures_from_one_address_answer_429_with_retry_after_but_challenges_and_successes_never_count()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        var file = Hex(mac) + ".cfg";
        // A building behind one NAT address: many first Digest steps and successes, never throttled.
        var nat = ProvisioningWorld.NewAddress();
        for (var i = 0; i < ProvisioningHost.MaxFailuresPerAddress * 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, file, PhoneAuth.DigestMd5, address: nat)).Status);

        var attacker = ProvisioningWorld.NewAddress();
        for (var i = 0; i <= ProvisioningHost.MaxFailuresPerAddress; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await p.Fetch(App, file, PhoneAuth.Basic, address: attacker, password: "guess" + i)).Status);
        var blocked = await p.Fetch(App, file, PhoneAuth.Basic, address: attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.Status);
        Assert.Equal("60", blocked.RetryAfter);
        // Another address is not touched.
        Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, file, PhoneAuth.Basic)).Status);

        // 404s count too.
        var scanner = ProvisioningWorld.NewAddress();
        for (var i = 0; i <= ProvisioningHost.MaxFailuresPerAddress; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await p.Fetch(App, Hex(World.RandomMac()) + ".cfg", address: scanner)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await p.Fetch(App, file, address: scanner)).Status);
    }

    [Fact]
    public async Task Too_many_404s_for_one_credential_answer_429_while_its_phones_still_get_their_files()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        for (var i = 0; i <= ProvisioningHost.MaxNotFoundPerCredential; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await p.Fetch(App, Hex(World.RandomMac()) + ".cfg")).Status);
        var guess = await p.Fetch(App, Hex(World.RandomMac()) + ".cfg");
        Assert.Equal(HttpStatusCode.TooManyRequests, guess.Status);
        Assert.Equal("60", guess.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, Hex(mac) + ".cfg")).Status);
    }

    [Fact]
    public async Task A_new_password_works_at_once_the_previous_one_until_retired()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (_, mac) = await p.DeskPhoneAsync();
        var file = Hex(mac) + ".cfg";
        var reseller = p.W.As["resA"];
        var second = await reseller.PostJson($"/api/v1/resellers/{p.W.ResA}/provisioning/password", new { }, HttpStatusCode.OK);
        var newPassword = second.Str("password")!;
        Assert.True(newPassword.Length >= 24 && newPassword != p.Password);
        var state = await reseller.GetJson($"/api/v1/resellers/{p.W.ResA}/provisioning");
        Assert.Equal(p.Username, state.Str("username"));
        Assert.True(state["hasPassword"]!.GetValue<bool>());
        var until = DateTime.Parse(state.Str("previousValidUntil")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(until, DateTime.UtcNow.AddHours(167), DateTime.UtcNow.AddHours(169));
        Assert.DoesNotContain("password\"", state.ToJsonString());
        foreach (var auth in new[] { PhoneAuth.Basic, PhoneAuth.DigestMd5 })
        {
            Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, file, auth, password: newPassword)).Status);
            Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, file, auth, password: p.Password)).Status);
        }

        var retired = await (await reseller.DeleteAsync($"/api/v1/resellers/{p.W.ResA}/provisioning/previous-password")).Content.ReadAsStringAsync();
        Assert.Null(JsonNode.Parse(retired)!["previousValidUntil"]?.GetValue<string>());
        foreach (var auth in new[] { PhoneAuth.Basic, PhoneAuth.DigestSha256 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await p.Fetch(App, file, auth, password: p.Password)).Status);
            Assert.Equal(HttpStatusCode.OK, (await p.Fetch(App, file, auth, password: newPassword)).Status);
        }
    }

    [Fact]
    public async Task Credentials_are_for_platform_and_own_reseller_administrators_only()
    {
        var w = await World.CreateAsync(App);
        var path = $"/api/v1/resellers/{w.ResA}/provisioning";
        var before = await w.As["resA"].GetJson(path);
        Assert.False(before["hasPassword"]!.GetValue<bool>());
        Assert.Equal($"http://localhost/provisioning/", before.Str("url"));
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.GetAsync(path)).StatusCode);
        // Another reseller: exactly like a reseller that does not exist.
        var foreign = await (await w.As["resB"].GetAsync(path)).ReadProblem();
        var missing = await (await w.As["resB"].GetAsync($"/api/v1/resellers/{Kit.Missing}/provisioning")).ReadProblem();
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(missing.Shape, foreign.Shape);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resB"].PostAsync(path + "/password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resB"].DeleteAsync(path + "/previous-password")).StatusCode);
        // Clients and users: 403, whoever's reseller it is.
        var user = w.Person(("Web Passwords", "Pbx-User-Pass-77"));
        await w.As["A1"].CreateUsers(user);
        var pbx = await App.SignInAsync(user["Email"], "Pbx-User-Pass-77");
        foreach (var who in new[] { w.As["A1"], pbx })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await who.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.PostAsync(path + "/password", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.DeleteAsync(path + "/previous-password")).StatusCode);
        }
        Assert.False((await w.As["resA"].GetJson(path))["hasPassword"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_fetch_records_address_time_and_user_agent_within_5_seconds_without_auditing_the_user()
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (id, mac) = await p.DeskPhoneAsync();
        var audit = (await p.W.As["A1"].GetJson($"/api/v1/audit?userId={id}"))["total"]!.GetValue<int>();
        var agent = $"Yealink SIP-T46U 108.86.0.20 {mac.ToLowerInvariant()}";
        var started = DateTime.UtcNow;
        var r = await p.Fetch(App, Hex(mac) + ".cfg", address: "203.0.113.77", userAgent: agent);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        JsonObject user = await p.W.As["A1"].GetUser(id);
        for (var waited = 0; user.Str("ipAddress") != "203.0.113.77" && waited < 5000; waited += 100)
        {
            await Task.Delay(100);
            user = await p.W.As["A1"].GetUser(id);
        }
        Assert.Equal("203.0.113.77", user.Str("ipAddress"));
        Assert.Equal(agent, user.Str("provisionedUserAgent"));
        var at = DateTime.Parse(user.Str("provisionedAt")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(at, started.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(audit, (await p.W.As["A1"].GetJson($"/api/v1/audit?userId={id}"))["total"]!.GetValue<int>());
        // The export's IP address column says the same.
        var (_, rows) = await p.W.As["A1"].Export();
        Assert.Equal("203.0.113.77", rows.Single(x => x["ID"] == Kit.I(id))["IP address"].TrimStart('\''));
        // The user's page shows the same fetch (time in UTC, address, User-Agent).
        var browser = await App.SignedIn(p.W.Emails["A1"], SwitchboardApp.AdminPass);
        var page = await browser.GetStringAsync($"/users/edit/{id}");
        var shown = System.Text.RegularExpressions.Regex.Match(page, "<span id=\"provisioned\">.*?</span>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("from 203.0.113.77 (" + agent + ")", shown);
        Assert.Contains($"datetime=\"{at:yyyy-MM-ddTHH:mm:ss}", shown);
    }
}

/// <summary>Provisioning:AllowHttp: Digest over plain HTTP works; Basic over plain HTTP is still refused like a wrong password.</summary>
public sealed class ProvisioningOverPlainHttp(ProvisioningOverPlainHttp.Host host) : IClassFixture<ProvisioningOverPlainHttp.Host>
{
    public sealed class Host : IDisposable
    {
        public SwitchboardApp App { get; } = new();
        public Host() => App.ExtraSettings["Provisioning:AllowHttp"] = "true";
        public void Dispose() => App.Dispose();
    }

    [Theory]
    [InlineData(PhoneAuth.DigestMd5)]
    [InlineData(PhoneAuth.DigestSha256)]
    public async Task Digest_over_plain_http_serves_the_file_when_allowed(PhoneAuth auth)
    {
        var p = await ProvisioningWorld.CreateAsync(host.App);
        var (_, mac) = await p.DeskPhoneAsync();
        var r = await p.Fetch(host.App, Hex(mac) + ".cfg", auth, https: false);
        Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status} {r.Text}");
    }

    [Fact]
    public async Task Basic_over_plain_http_is_refused_even_when_http_is_allowed()
    {
        var p = await ProvisioningWorld.CreateAsync(host.App);
        var (_, mac) = await p.DeskPhoneAsync();
        var r = await p.Fetch(host.App, Hex(mac) + ".cfg", PhoneAuth.Basic, https: false);
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal(2, r.Challenges.Length);
        Assert.Equal(HttpStatusCode.OK, (await p.Fetch(host.App, Hex(mac) + ".cfg", PhoneAuth.Basic, https: true)).Status);
    }
}
