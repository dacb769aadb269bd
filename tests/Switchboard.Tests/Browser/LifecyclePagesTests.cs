using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// The lifecycle from the pages: a reseller edits a client (the SIP domain rule explained beside the
/// field) and deletes it; administrators are added, disabled, enabled, given a password and deleted on
/// the Accounts page, which never offers the caller's own account.
/// </summary>
[Collection("Browser")]
public sealed class LifecyclePagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_reseller_edits_a_clients_name_language_and_sip_domain_and_deletes_it()
    {
        var page = await portal.SignInAsync(portal.ResellerAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Edited later {portal.Tag}");
        await page.GetByLabel("SIP domain (optional)").FillAsync($"later-{portal.Tag}.voice.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"(SIP domain later-{portal.Tag}.voice.example)");

        await page.Locator("table tbody tr", new() { HasText = $"Edited later {portal.Tag}" }).GetByRole(AriaRole.Link, new() { Name = "Edit client" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("SIP domain")).ToHaveValueAsync($"later-{portal.Tag}.voice.example");
        await page.GetByLabel("SIP domain").FillAsync("not a domain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#err-sipDomain")).ToContainTextAsync("is not a DNS name");
        await Assertions.Expect(page.GetByLabel("SIP domain")).ToHaveAttributeAsync("aria-describedby", "sipDomainHint err-sipDomain");
        await PortalFixture.Shot(page, "client-edit-error");

        await page.GetByLabel("Name").FillAsync($"Edited {portal.Tag}");
        await page.GetByLabel("Default language").FillAsync("de");
        await page.GetByLabel("SIP domain").FillAsync($"Edited-{portal.Tag}.Voice.Example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Client \"Edited {portal.Tag}\"");
        var row = page.Locator("table tbody tr", new() { HasText = $"Edited {portal.Tag}" });
        await Assertions.Expect(row).ToContainTextAsync($"edited-{portal.Tag}.voice.example");
        await Assertions.Expect(row).ToContainTextAsync("de");

        // The portal's own client has users: its delete is refused and says why.
        await page.GotoAsync($"/clients/edit/{portal.ClientId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("user(s)");

        await page.GotoAsync("/clients");
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit client" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was deleted");
        await Assertions.Expect(page.Locator("table")).Not.ToContainTextAsync($"Edited {portal.Tag}");

        // A client administrator sees its client but is not offered the Clients pages.
        var client = await portal.SignInAsync(portal.ClientAdmin);
        Assert.Equal(0, await client.GetByRole(AriaRole.Link, new() { Name = "Clients" }).CountAsync());
        await client.GotoAsync($"/clients/edit/{portal.ClientId}");
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_client_administrator_adds_disables_enables_resets_and_deletes_a_colleague()
    {
        var colleague = $"colleague-{portal.Tag}@portal.test";
        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        var mine = page.Locator("table tbody tr", new() { HasText = portal.ClientAdmin });
        await Assertions.Expect(mine).ToContainTextAsync("(you)");
        Assert.Equal(0, await mine.GetByRole(AriaRole.Button).CountAsync());

        await page.GetByLabel("Email").FillAsync(colleague);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("Colleague-Pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add administrator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{colleague} can now sign in");
        var row = page.Locator("table tbody tr", new() { HasText = colleague });
        await Assertions.Expect(row).ToContainTextAsync("Enabled");

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{colleague} was disabled");
        await Assertions.Expect(row).ToContainTextAsync("Disabled");
        var refused = await portal.NewPageAsync();
        await refused.GotoAsync("/login");
        await refused.GetByLabel("Email").FillAsync(colleague);
        await refused.GetByLabel("Password").FillAsync("Colleague-Pass-1");
        await refused.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(refused.Locator("p.error")).ToContainTextAsync("The email or password is not correct");

        await row.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Enabled");
        await row.GetByLabel($"New password for {colleague}").FillAsync("Colleague-Pass-2");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("given a new password");
        await (await portal.SignInAsync(colleague, "Colleague-Pass-2")).CloseAsync();
        await PortalFixture.Shot(page, "accounts");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{colleague} was deleted");
        await Assertions.Expect(page.Locator("table")).Not.ToContainTextAsync(colleague);
    }
}
