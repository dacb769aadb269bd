using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// phones.md, "Phones follow changes at once": after a change to what a desk phone's file holds, the
/// registered phone (SIPp, listening where it registered from) gets a NOTIFY check-sync through the real
/// registrar; Resync phone does the same; a deleted user's registrations, and those made with a secret
/// or extension that changed, are removed; the import report names the softphones to retype.
/// </summary>
public sealed class PhonesFollowChanges(RegistrarsHost host) : IClassFixture<RegistrarsHost>
{
    private const string Secret = "Follow-Secret-Z8";
    private KamailioProcess Registrar => host.Registrar;

    /// <summary>A desk phone user (phone model, template, MAC) of a new tenant, registered from <paramref name="from"/>; returns the port it registered from.</summary>
    private async Task<(SipTenant T, int User, int Port)> DeskPhoneAsync(string from, string extension = "301")
    {
        var t = await SipTenant.CreateAsync(host.App);
        var model = (await t.Admin.PostJson("/api/v1/phone-models", new { vendor = "Yealink", model = $"T54W-{t.Tag}-{from}" })).Id();
        var template = (await t.Admin.PostJson("/api/v1/provisioning-templates", new { name = $"Desk {t.Tag} {from}", phoneModelId = model, body = "x" })).Id();
        var mac = $"00:15:65:{from.Split('.')[^1].PadLeft(2, '0')[..2]}:{t.Tag[..2]}:{t.Tag[2..4]}";
        var user = (await t.Admin.PostJson("/api/v1/users", new
        {
            clientId = t.Client, firstName = "Desk", lastName = "Phone", email = $"desk-{t.Tag}@example.test", extension,
            phoneSecret = Secret, phoneModelId = model, provisioningTemplateId = template, macAddress = mac,
        })).Id();
        return (t, user, await RegisterAsync(extension, t.Domain, Secret, from));
    }

    private async Task<int> RegisterAsync(string extension, string domain, string secret, string from)
    {
        Assert.Equal(200, await SipPhone.RegisterAsync(Registrar, extension, domain, secret, from));
        var contact = Assert.Single(await Registrar.ContactsAsync(extension, domain));
        return new Uri(contact["Received"]!.GetValue<string>().Replace("sip:", "sip://", StringComparison.Ordinal)).Port;
    }

    /// <summary>Runs <paramref name="change"/> while the phone listens, and returns whether a NOTIFY check-sync reached it.</summary>
    private static async Task<(bool Notified, string Messages)> WhileListeningAsync(string from, int port, Func<Task> change)
    {
        using var phone = await DeskPhone.ListenAsync(from, port);
        await change();
        return await phone.WaitAsync();
    }

    /// <summary>Waits (bounded) until extension@domain has no registration left.</summary>
    private async Task<bool> UnregisteredAsync(string extension, string domain)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await Registrar.ContactsAsync(extension, domain)).Count == 0) return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>The user's row as users.csv exports it (without secrets: an empty secret keeps the stored one).</summary>
    private static async Task<Dictionary<string, string>> ExportedRowAsync(SipTenant t, int user)
    {
        var (_, rows) = await t.ClientAdmin.Export();
        return rows.Single(r => r["ID"] == SipTenant.I(user));
    }

    [Fact]
    public async Task A_registered_desk_phone_is_told_to_fetch_its_file_after_a_change_by_api_page_import_and_resync()
    {
        const string from = "127.0.0.51";
        var (t, user, port) = await DeskPhoneAsync(from);

        var (byApi, log) = await WhileListeningAsync(from, port, () => t.UpdateUserAsync(user, new { dndOn = true }));
        Assert.True(byApi, "no NOTIFY check-sync after PUT /users: " + log);
        Assert.Contains("Event: check-sync", log);

        var row = await ExportedRowAsync(t, user);
        row["Department"] = "Moved";
        var (byImport, importLog) = await WhileListeningAsync(from, port, () => t.ImportAsync(row));
        Assert.True(byImport, "no NOTIFY check-sync after an import: " + importLog);

        var (byResync, resyncLog) = await WhileListeningAsync(from, port, async () =>
        {
            var r = await t.ClientAdmin.PostAsync($"/api/v1/users/{user}/resync", null);
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            var body = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(user, Assert.Single(body["queued"]!.AsArray())!.GetValue<int>());
        });
        Assert.True(byResync, "no NOTIFY check-sync after Resync phone: " + resyncLog);

        var (bySelection, selectionLog) = await WhileListeningAsync(from, port, async () =>
        {
            var r = await t.ClientAdmin.PostAsJsonAsync("/api/v1/users/resync", new { userIds = new[] { user } });
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        });
        Assert.True(bySelection, "no NOTIFY check-sync after resyncing a selection: " + selectionLog);
        // Nothing a phone's file holds changed: the registration stays.
        Assert.Single(await Registrar.ContactsAsync("301", t.Domain));
    }

    [Fact]
    public async Task A_new_secret_tells_the_desk_phone_and_then_removes_its_registration()
    {
        const string from = "127.0.0.52";
        var (t, user, port) = await DeskPhoneAsync(from);

        var (notified, log) = await WhileListeningAsync(from, port, () => t.UpdateUserAsync(user, new { phoneSecret = "Follow-Secret-New-Z9" }));
        Assert.True(notified, "no NOTIFY check-sync after a new secret: " + log);
        Assert.True(await UnregisteredAsync("301", t.Domain), "the registration made with the old secret is still there");
        Assert.Equal(200, await SipPhone.RegisterAsync(Registrar, "301", t.Domain, "Follow-Secret-New-Z9", from));
    }

    [Fact]
    public async Task Deleting_a_user_or_changing_its_extension_removes_its_registrations()
    {
        var t = await SipTenant.CreateAsync(host.App);
        var deleted = await t.CreateUserAsync("401", Secret);
        var renumbered = await t.CreateUserAsync("402", Secret);
        await RegisterAsync("401", t.Domain, Secret, "127.0.0.53");
        await RegisterAsync("402", t.Domain, Secret, "127.0.0.54");

        await t.DeleteUserAsync(deleted);
        Assert.True(await UnregisteredAsync("401", t.Domain), "a deleted user is still registered");
        await t.UpdateUserAsync(renumbered, new { extension = "412" });
        Assert.True(await UnregisteredAsync("402", t.Domain), "the old extension is still registered");
    }

    [Fact]
    public async Task An_import_that_changes_a_softphone_secret_says_so_and_removes_its_registration()
    {
        var t = await SipTenant.CreateAsync(host.App);
        var soft = await t.CreateUserAsync("501", Secret);
        var untouched = await t.CreateUserAsync("502", Secret);
        await RegisterAsync("501", t.Domain, Secret, "127.0.0.55");
        await RegisterAsync("502", t.Domain, Secret, "127.0.0.56");

        var softRow = await ExportedRowAsync(t, soft);
        softRow["Phone Secret"] = "Follow-Soft-New-K3";
        var untouchedRow = await ExportedRowAsync(t, untouched);
        untouchedRow["Department"] = "Renamed"; // changed, but not what a softphone holds
        var result = await t.ClientAdmin.ImportRows([softRow, untouchedRow]);
        result.AssertCounts(updated: 2, failed: 0);
        var job = result.Json;
        var listed = Assert.Single(job["softphones"]!.AsArray())!.AsObject();
        Assert.Equal(soft, listed["userId"]!.GetValue<int>());
        Assert.Equal("501", listed["extension"]!.GetValue<string>());
        Assert.Equal(["Phone Secret"], listed["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain("Follow-Soft-New-K3", job.ToJsonString());

        Assert.True(await UnregisteredAsync("501", t.Domain), "the softphone registered with the old secret is still registered");
        Assert.Single(await Registrar.ContactsAsync("502", t.Domain));

        var browser = await host.App.SignedIn($"sip-{t.Tag}@admins.test", SwitchboardApp.AdminPass);
        var page = await browser.GetAsync($"/imports/{result.Json["id"]!.GetValue<int>()}");
        var report = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"import page: {(int)page.StatusCode} {page.Headers.Location}");
        Assert.True(report.Contains($"data-user-id=\"{soft}\"", StringComparison.Ordinal), "no softphone entry in " + report[Math.Max(0, report.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.DoesNotContain($"data-user-id=\"{untouched}\"", report);
    }

    [Fact]
    public async Task A_template_body_a_phone_models_vendor_and_a_clients_name_reach_the_registered_desk_phone()
    {
        const string from = "127.0.0.57";
        var (t, user, port) = await DeskPhoneAsync(from);
        var stored = await t.Admin.GetJson($"/api/v1/users/{user}");
        var template = stored["provisioningTemplateId"]!.GetValue<int>();
        var model = stored["phoneModelId"]!.GetValue<int>();

        async Task Put(string path, object body)
        {
            var r = await t.Admin.PutAsJsonAsync(path, body);
            Assert.True(r.IsSuccessStatusCode, $"PUT {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }

        var (byTemplate, templateLog) = await WhileListeningAsync(from, port, () => Put($"/api/v1/provisioning-templates/{template}",
            new { name = $"Desk {t.Tag} {from}", phoneModelId = model, body = "account.1.user_name = {{extension}}\n" }));
        Assert.True(byTemplate, "no NOTIFY check-sync after the template's body changed: " + templateLog);

        var (byModel, modelLog) = await WhileListeningAsync(from, port, () => Put($"/api/v1/phone-models/{model}",
            new { vendor = "Fanvil", model = $"X7-{t.Tag}" }));
        Assert.True(byModel, "no NOTIFY check-sync after the phone model's vendor changed: " + modelLog);

        var (byClient, clientLog) = await WhileListeningAsync(from, port, () => Put($"/api/v1/clients/{t.Client}", new { name = $"SIP A renamed {t.Tag}" }));
        Assert.True(byClient, "no NOTIFY check-sync after the client's name changed: " + clientLog);
        // The credentials are the same: the registration stays.
        Assert.Single(await Registrar.ContactsAsync("301", t.Domain));
    }

    [Fact]
    public async Task A_new_sip_domain_tells_the_desk_phone_where_it_is_registered_and_removes_every_registration_under_the_old_domain()
    {
        const string from = "127.0.0.58", softFrom = "127.0.0.59", otherFrom = "127.0.0.60";
        var (t, _, port) = await DeskPhoneAsync(from);
        await t.CreateUserAsync("302", Secret);
        await RegisterAsync("302", t.Domain, Secret, softFrom);
        // The same extension in the reseller's other client, registered in its own domain.
        await t.CreateUserAsync("301", Secret, t.OtherClient);
        await RegisterAsync("301", t.OtherDomain, Secret, otherFrom);

        var moved = $"moved-{t.Tag}.pbx.test";
        var (notified, log) = await WhileListeningAsync(from, port, () => t.SetDomainAsync(t.Client, moved));
        Assert.True(notified, "no NOTIFY check-sync after the client's SIP domain changed: " + log);
        Assert.Contains($"<sip:301@{t.Domain}>", log);

        // Registrations made in the old domain no longer authenticate: they go at once, the desk phone's and the softphone's.
        Assert.True(await UnregisteredAsync("301", t.Domain), "the desk phone is still registered under the old domain");
        Assert.True(await UnregisteredAsync("302", t.Domain), "the softphone is still registered under the old domain");
        Assert.Single(await Registrar.ContactsAsync("301", t.OtherDomain));

        // sip_subscribers follows the new domain: the old one is refused, the new one registers, with no Kamailio restart.
        Assert.Equal(401, await SipPhone.RegisterAsync(Registrar, "302", t.Domain, Secret, softFrom));
        Assert.Equal(200, await SipPhone.RegisterAsync(Registrar, "302", moved, Secret, softFrom));
        Assert.Equal(200, await SipPhone.RegisterAsync(Registrar, "301", moved, Secret, from, authUser: $"301@{moved}"));
    }
}
