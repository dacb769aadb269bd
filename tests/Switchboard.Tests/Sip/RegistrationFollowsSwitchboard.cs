using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Tests.Sip;

/// <summary>
/// phones.md, "SIP registration — the rule": every user registers as extension@sip_domain with its
/// phone secret, through a real Kamailio with the shipped configuration on the test database, and
/// nothing else can; every change takes effect at the next REGISTER, with no Kamailio restart.
/// Each test registers from its own loopback address, so one test's refusals never count towards
/// another's ban.
/// </summary>
public sealed class RegistrationFollowsSwitchboard(RegistrarHost host) : IClassFixture<RegistrarHost>
{
    private KamailioProcess Registrar => host.Registrar;

    private Task<int> Register(string extension, string domain, string secret, string from, string? authUser = null) =>
        SipPhone.RegisterAsync(Registrar, extension, domain, secret, from, authUser);

    [Fact]
    public async Task The_right_secret_registers_and_a_wrong_one_is_refused()
    {
        var t = await SipTenant.CreateAsync(host.App);
        await t.CreateUserAsync("201", "Right-Secret-Ax7");
        const string from = "127.0.0.11";

        Assert.Equal(200, await Register("201", t.Domain, "Right-Secret-Ax7", from));
        // Phones that send user@domain as their username are checked against ha1b.
        Assert.Equal(200, await Register("201", t.Domain, "Right-Secret-Ax7", from, authUser: $"201@{t.Domain}"));
        Assert.Equal(401, await Register("201", t.Domain, "Wrong-Secret-Ax7", from));
        Assert.Equal(401, await Register("299", t.Domain, "Right-Secret-Ax7", from));

        // Registrations are per extension and domain, with the address the REGISTER came from.
        // (Two: each SIPp run is a phone on its own port.)
        var contacts = await Registrar.ContactsAsync("201", t.Domain);
        Assert.Equal(2, contacts.Count);
        Assert.All(contacts, c => Assert.StartsWith($"sip:{from}:", c["Received"]!.GetValue<string>()));
        Assert.All(contacts, c => Assert.Equal("SIPp test phone", c["User-Agent"]!.GetValue<string>()));
        Assert.Empty(await Registrar.ContactsAsync("201", t.OtherDomain));
    }

    [Fact]
    public async Task A_user_cannot_register_in_another_clients_domain()
    {
        var t = await SipTenant.CreateAsync(host.App);
        await t.CreateUserAsync("301", "Client-A-Secret-k9");
        await t.CreateUserAsync("301", "Client-B-Secret-k9", t.OtherClient);
        await t.CreateUserAsync("302", "Only-In-A-Secret-k9");
        const string from = "127.0.0.12";

        Assert.Equal(200, await Register("301", t.Domain, "Client-A-Secret-k9", from));
        Assert.Equal(401, await Register("301", t.OtherDomain, "Client-A-Secret-k9", from));
        Assert.Equal(401, await Register("302", t.OtherDomain, "Only-In-A-Secret-k9", from));
        Assert.Equal(200, await Register("301", t.OtherDomain, "Client-B-Secret-k9", from));
    }

    [Fact]
    public async Task A_deleted_user_is_refused()
    {
        var t = await SipTenant.CreateAsync(host.App);
        var id = await t.CreateUserAsync("401", "Deleted-Soon-Secret-q4");
        const string from = "127.0.0.13";
        Assert.Equal(200, await Register("401", t.Domain, "Deleted-Soon-Secret-q4", from));

        await t.DeleteUserAsync(id);

        Assert.Equal(401, await Register("401", t.Domain, "Deleted-Soon-Secret-q4", from));
    }

    [Fact]
    public async Task The_old_secret_is_refused_after_an_import_changed_it()
    {
        var t = await SipTenant.CreateAsync(host.App);
        var id = await t.CreateUserAsync("501", "Before-Import-Secret-m2");
        const string from = "127.0.0.14";
        Assert.Equal(200, await Register("501", t.Domain, "Before-Import-Secret-m2", from));

        await t.ImportAsync(new Dictionary<string, string> { ["ID"] = SipTenant.I(id), ["Phone Secret"] = "After-Import-Secret-m2" });

        Assert.Equal(401, await Register("501", t.Domain, "Before-Import-Secret-m2", from));
        Assert.Equal(200, await Register("501", t.Domain, "After-Import-Secret-m2", from));
    }

    [Fact]
    public async Task The_old_extension_is_refused_after_a_change()
    {
        var t = await SipTenant.CreateAsync(host.App);
        var id = await t.CreateUserAsync("601", "Moving-User-Secret-z8");
        const string from = "127.0.0.15";
        Assert.Equal(200, await Register("601", t.Domain, "Moving-User-Secret-z8", from));

        await t.UpdateUserAsync(id, new { extension = "602" });

        Assert.Equal(401, await Register("601", t.Domain, "Moving-User-Secret-z8", from));
        Assert.Equal(200, await Register("602", t.Domain, "Moving-User-Secret-z8", from));
    }

    [Fact]
    public async Task The_old_domain_is_refused_after_the_clients_sip_domain_changed()
    {
        var t = await SipTenant.CreateAsync(host.App);
        await t.CreateUserAsync("701", "Domain-Move-Secret-r3");
        await t.CreateUserAsync("702", "Domain-Move-Secret-r4");
        const string from = "127.0.0.16";
        Assert.Equal(200, await Register("701", t.Domain, "Domain-Move-Secret-r3", from));

        var moved = $"moved-{t.Tag}.pbx.test";
        await t.SetDomainAsync(t.Client, moved);

        Assert.Equal(401, await Register("701", t.Domain, "Domain-Move-Secret-r3", from));
        Assert.Equal(200, await Register("701", moved, "Domain-Move-Secret-r3", from));
        Assert.Equal(200, await Register("702", moved, "Domain-Move-Secret-r4", from, authUser: $"702@{moved}"));
    }

    [Fact]
    public async Task A_source_that_fails_too_often_is_ignored_even_with_the_right_secret()
    {
        var t = await SipTenant.CreateAsync(host.App);
        await t.CreateUserAsync("801", "Guarded-User-Secret-w5");
        const string attacker = "127.0.0.17", phone = "127.0.0.18";

        // The shipped default: more than 10 failed authentications a minute.
        for (var i = 0; i < 11; i++) Assert.Equal(401, await Register("801", t.Domain, $"Guess-{i}-w5", attacker));

        Assert.Equal(0, await Register("801", t.Domain, "Guarded-User-Secret-w5", attacker));
        Assert.Equal(200, await Register("801", t.Domain, "Guarded-User-Secret-w5", phone));
    }

    [Fact]
    public async Task Json_rpc_answers_only_the_allowed_addresses()
    {
        Assert.NotNull(await Registrar.RpcAsync("core.version"));

        using var elsewhere = new HttpClient(new SocketsHttpHandler
        {
            // From 127.0.0.2: loopback, but not in RPC_ALLOW (127.0.0.1).
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        const string body = """{"jsonrpc":"2.0","method":"ul.dump","id":1}""";
        var r = await elsewhere.PostAsync(Registrar.RpcUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.DoesNotContain("Domains", await r.Content.ReadAsStringAsync());
    }
}
