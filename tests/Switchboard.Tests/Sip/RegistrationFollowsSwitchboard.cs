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
}
