using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// The two pages about one user: the administrator's user form (grouped as an administrator thinks,
/// two columns on a wide screen, the template list following the device with and without script, the
/// phone's registration and last configuration fetch) and the PBX user's own page (their phone, and
/// their settings saved by the same command and rules as PUT /api/v1/me/settings).
/// </summary>
[Collection("Browser")]
public sealed class UserPagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_user_form_groups_person_phone_calls_and_secrets_and_lists_only_the_chosen_devices_templates()
    {
        var admin = await portal.Server.AdminAsync();
        var yealink = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = $"T54W-{portal.Tag}" });
        var snom = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Snom", model = $"D785-{portal.Tag}" });
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var yealinkTemplate = await PortalFixture.PostForIdAsync(api, "/api/v1/provisioning-templates",
            new { name = $"Yealink desks {portal.Tag}", phoneModelId = yealink, body = "account.1.user_name = {{extension}}" });
        var snomTemplate = await PortalFixture.PostForIdAsync(api, "/api/v1/provisioning-templates",
            new { name = $"Snom desks {portal.Tag}", phoneModelId = snom, body = "<user_name>{{extension}}</user_name>" });
        var user = await PortalFixture.PostForIdAsync(api, "/api/v1/users",
            new { firstName = "Desk", lastName = "Phone", email = $"desk-{portal.Tag}@portal.test", extension = "321" });

        // Wide: four groups in reading order, two columns; the stored phone's state above the form.
        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: PortalFixture.Wide);
        await page.GotoAsync($"/users/edit/{user}");
        Assert.Equal(["Person", "Phone", "Call features", "Secrets"], await page.Locator("form.user-form legend").AllInnerTextsAsync());
        var person = await Group(page, "Person").BoundingBoxAsync();
        var phone = await Group(page, "Phone").BoundingBoxAsync();
        Assert.True(phone!.X >= person!.X + person.Width && Math.Abs(phone.Y - person.Y) < 2, $"Person at {person.X},{person.Y} w{person.Width}; Phone at {phone.X},{phone.Y}");
        await Assertions.Expect(page.Locator("#stored-device")).ToHaveTextAsync("Softphone");
        // No registrar is configured here: the state is unavailable, never "not registered" and never a failed page.
        await Assertions.Expect(page.Locator("#registration-state")).ToHaveAttributeAsync("data-registration", "unknown");
        await Assertions.Expect(page.Locator("#registration-state")).ToContainTextAsync("Unavailable");

        // With script the list follows the device at once, and the no-script button is out of the way.
        var yOption = page.Locator($"#provisioningTemplateId option[value='{yealinkTemplate}']");
        var sOption = page.Locator($"#provisioningTemplateId option[value='{snomTemplate}']");
        await Assertions.Expect(yOption).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show its templates" })).ToBeHiddenAsync();
        await page.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync(S(yealink));
        await Assertions.Expect(yOption).ToBeEnabledAsync();
        await Assertions.Expect(sOption).ToBeDisabledAsync();
        await page.GetByLabel("Provisioning template").SelectOptionAsync(S(yealinkTemplate));
        await page.GetByLabel("MAC address").FillAsync("00:15:65:AB:" + portal.Tag[..2] + ":" + portal.Tag[2..4]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"User {user} was saved");

        // The desk phone fetches its file (as through an HTTPS proxy); the user's page then shows when, from where, as what.
        var reseller = await portal.Server.SignInAsync(portal.ResellerAdmin, PortalFixture.Password);
        var credentials = await reseller.PostJson($"/api/v1/resellers/{portal.ResellerId}/provisioning/password", new { }, HttpStatusCode.OK);
        using (var phoneHttp = new HttpClient { BaseAddress = portal.Server.BaseAddress })
        {
            var fetch = new HttpRequestMessage(HttpMethod.Get, $"/provisioning/001565ab{portal.Tag[..4]}.cfg");
            fetch.Headers.Add("X-Forwarded-Proto", "https");
            fetch.Headers.Add("X-Forwarded-For", "198.51.100.23");
            fetch.Headers.TryAddWithoutValidation("User-Agent", "Yealink SIP-T54W 96.86.0.100");
            fetch.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{credentials["username"]!.GetValue<string>()}:{credentials["password"]!.GetValue<string>()}")));
            var answer = await phoneHttp.SendAsync(fetch);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"fetch: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        // Fetches are recorded in batches: wait (bounded) until the user's record carries it.
        for (var i = 0; i < 60 && (await api.GetJson($"/api/v1/users/{user}"))["provisionedAt"] is null; i++) await Task.Delay(500);
        await page.GotoAsync($"/users/edit/{user}");
        await Assertions.Expect(page.Locator("#stored-device")).ToHaveTextAsync($"Yealink T54W-{portal.Tag}");
        await Assertions.Expect(page.Locator("#provisioned")).ToContainTextAsync("from 198.51.100.23 (Yealink SIP-T54W 96.86.0.100)");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resync phone" })).ToBeVisibleAsync();
        await PortalFixture.Shot(page, "user-edit-1366");

        // Without script, at a phone's size: the server lists the stored device's templates, and
        // "Show its templates" lists another device's, keeping what was typed and saving nothing.
        var plain = await portal.SignInAsync(portal.ClientAdmin, viewport: PortalFixture.Phone, javaScript: false);
        await plain.GotoAsync($"/users/edit/{user}");
        var plainY = plain.Locator($"#provisioningTemplateId option[value='{yealinkTemplate}']");
        var plainS = plain.Locator($"#provisioningTemplateId option[value='{snomTemplate}']");
        await Assertions.Expect(plainY).ToBeEnabledAsync();
        await Assertions.Expect(plainS).ToBeDisabledAsync();
        await plain.GetByLabel("Department").FillAsync("Front desk");
        await plain.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync(S(snom));
        await plain.GetByRole(AriaRole.Button, new() { Name = "Show its templates" }).ClickAsync();
        await Assertions.Expect(plainS).ToBeEnabledAsync();
        await Assertions.Expect(plainY).ToBeDisabledAsync();
        await Assertions.Expect(plain.GetByLabel("Department")).ToHaveValueAsync("Front desk");
        await Assertions.Expect(plain.GetByLabel("Provisioning template")).ToHaveValueAsync("");
        Assert.Equal(yealink, (await api.GetJson($"/api/v1/users/{user}"))["phoneModelId"]!.GetValue<int>());
        await PortalFixture.Shot(plain, "user-edit-390-no-script");
        await plain.GetByLabel("Provisioning template").SelectOptionAsync(S(snomTemplate));
        await plain.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(plain.GetByRole(AriaRole.Status)).ToContainTextAsync($"User {user} was saved");
        var saved = await api.GetJson($"/api/v1/users/{user}");
        Assert.Equal(snomTemplate, saved["provisioningTemplateId"]!.GetValue<int>());
        Assert.Equal("Front desk", saved["department"]!.GetValue<string>());

        var add = await portal.SignInAsync(portal.ClientAdmin, viewport: PortalFixture.Phone);
        await add.GotoAsync("/users/edit");
        await Assertions.Expect(add.Locator("#registration-state")).ToHaveCountAsync(0);
        await PortalFixture.Shot(add, "user-add-390");
    }

    [Fact]
    public async Task A_pbx_user_sees_their_phone_and_changes_calls_pin_and_password_with_the_current_one()
    {
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var email = $"self-{portal.Tag}@portal.test";
        const string first = "Self-Service-Pass-1", second = "Self-Service-Pass-2";
        await PortalFixture.PostForIdAsync(api, "/api/v1/users",
            new { firstName = "Selma", lastName = "Self", email, extension = "360", webPassword = first });
        var sipDomain = (await api.GetJson($"/api/v1/clients/{portal.ClientId}"))["sipDomain"]!.GetValue<string>();

        var page = await portal.SignInAsync(email, first, PortalFixture.Phone);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My settings" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#me-extension")).ToHaveTextAsync("360");
        await Assertions.Expect(page.Locator("#me-sip-domain")).ToHaveTextAsync(sipDomain);
        await Assertions.Expect(page.Locator("#me-device")).ToHaveTextAsync("Softphone");
        // No registrar answers here: "unavailable", and the page works.
        await Assertions.Expect(page.Locator("#me-registration")).ToHaveAttributeAsync("data-registration", "unknown");
        await Assertions.Expect(page.Locator("#me-registration")).ToContainTextAsync("Unavailable");
        await PortalFixture.Shot(page, "me-390");

        // The import's rules: a repeated-digit PIN is refused, and nothing of the form is saved.
        await page.GetByLabel("Forward number").FillAsync("+49 30 1234567");
        await page.GetByLabel("New voicemail PIN (leave empty to keep)").FillAsync("1111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.field-error")).ToContainTextAsync("repeated");
        await Assertions.Expect(page.GetByLabel("Forward number")).ToHaveValueAsync("");

        // A new web password needs the current one.
        await page.GetByLabel("New web password (leave empty to keep)").FillAsync(second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.field-error")).ToContainTextAsync("current web password");

        await page.GetByLabel("Do not disturb").CheckAsync();
        await page.GetByLabel("Call waiting").UncheckAsync();
        await page.GetByLabel("Forward number").FillAsync("+49 30 1234567");
        await page.GetByLabel("New voicemail PIN (leave empty to keep)").FillAsync("482619");
        await page.GetByLabel("New web password (leave empty to keep)").FillAsync(second);
        await page.GetByLabel("Current web password (needed to set a new one)").FillAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your settings are saved.");
        await Assertions.Expect(page.GetByLabel("Do not disturb")).ToBeCheckedAsync();

        // What the page saved is what the API reads, and the new password is the one that signs in.
        var me = await portal.Server.SignInAsync(email, second);
        var settings = await me.GetJson("/api/v1/me/settings");
        Assert.True(settings["dndOn"]!.GetValue<bool>());
        Assert.False(settings["callWaitingOn"]!.GetValue<bool>());
        Assert.Equal("482619", settings["voicemailPin"]!.GetValue<string>());
        Assert.StartsWith("+49", settings["forwardNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        var wide = await portal.SignInAsync(email, second, PortalFixture.Wide);
        await wide.GotoAsync("/me");
        var phoneCard = await wide.Locator("section", new() { Has = wide.GetByRole(AriaRole.Heading, new() { Name = "My phone" }) }).BoundingBoxAsync();
        var formCard = await wide.Locator("section", new() { Has = wide.GetByRole(AriaRole.Heading, new() { Name = "Calls, voicemail and password" }) }).BoundingBoxAsync();
        Assert.True(formCard!.X >= phoneCard!.X + phoneCard.Width, "the phone and the settings sit side by side on a wide screen");
        await PortalFixture.Shot(wide, "me-1366");
    }

    private static ILocator Group(IPage page, string legend) =>
        page.Locator("fieldset", new() { Has = page.Locator("legend", new() { HasText = legend }) });
}
