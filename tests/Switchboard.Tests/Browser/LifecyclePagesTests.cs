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
        // The delete asks first, naming the client; Cancel sends nothing.
        var answers = new Answers(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete client" }).ClickAsync();
        await answers.AskedAsync($"Edited {portal.Tag}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete this client" })).ToBeVisibleAsync();
        answers.Accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was deleted");
        await Assertions.Expect(page.Locator("table")).Not.ToContainTextAsync($"Edited {portal.Tag}");

        // A client administrator sees its client but is not offered the Clients pages.
        var client = await portal.SignInAsync(portal.ClientAdmin);
        Assert.Equal(0, await client.GetByRole(AriaRole.Link, new() { Name = "Clients" }).CountAsync());
        await client.GotoAsync($"/clients/edit/{portal.ClientId}");
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
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

        var answers = new Answers(page);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await answers.AskedAsync(colleague);
        await Assertions.Expect(row).ToContainTextAsync("Enabled");
        answers.Accept = true;
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{colleague} was deleted");
        await Assertions.Expect(page.Locator("table")).Not.ToContainTextAsync(colleague);
    }

    [Fact]
    public async Task Accounts_clients_and_provisioning_pages_share_the_portals_design_and_a_reseller_rotates_its_provisioning_password()
    {
        var page = await portal.SignInAsync(portal.ResellerAdmin, viewport: PortalFixture.Wide);
        // Every page opens with the same head (a title and one line of context) and sets its forms side by side when there is room.
        foreach (var (path, title, shot) in new[]
        {
            ("/accounts", "Administrator accounts", "accounts-1366"),
            ("/clients", "Clients", "clients-1366"),
            ($"/clients/edit/{portal.ClientId}", $"Client {portal.ClientId}: Portal client {portal.Tag}", "client-edit-1366"),
        })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator(".page-head h1")).ToHaveTextAsync(title);
            await Assertions.Expect(page.Locator(".page-head p")).Not.ToBeEmptyAsync();
            var cards = page.Locator(".grid-2 > *");
            var left = await cards.Nth(0).BoundingBoxAsync();
            var right = await cards.Nth(1).BoundingBoxAsync();
            Assert.True(right!.X >= left!.X + left.Width && Math.Abs(right.Y - left.Y) < 2, $"{path}: the two columns are not side by side");
            await PortalFixture.Shot(page, shot);
        }
        // The client's page lists its administrators with their state; the Accounts page says each state as a pill.
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = portal.ClientAdmin })).ToContainTextAsync("Enabled");
        await page.GotoAsync("/accounts");
        await Assertions.Expect(page.Locator("table tbody tr", new() { HasText = portal.ClientAdmin }).Locator("[data-status=enabled] .pill")).ToHaveTextAsync("Enabled");

        await page.GetByRole(AriaRole.Link, new() { Name = "Provisioning" }).ClickAsync();
        await Assertions.Expect(page.Locator(".page-head h1")).ToHaveTextAsync("Provisioning");
        await Assertions.Expect(page.Locator("#provisioning-username")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#provisioning-password-state")).ToContainTextAsync("None yet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set a password" }).ClickAsync();
        var first = await page.Locator("#provisioning-password").InnerTextAsync();
        Assert.True(first.Length >= 24, $"generated password has {first.Length} characters");
        await page.GotoAsync("/phone-provisioning");
        await Assertions.Expect(page.Locator("#provisioning-password")).ToHaveCountAsync(0); // shown once
        await page.GetByRole(AriaRole.Button, new() { Name = "Set a new password" }).ClickAsync();
        Assert.NotEqual(first, await page.Locator("#provisioning-password").InnerTextAsync());
        await Assertions.Expect(page.Locator("#provisioning-previous")).ToContainTextAsync("Still works until");
        await PortalFixture.Shot(page, "provisioning-1366");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire the previous password now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The previous provisioning password no longer works.");
        await Assertions.Expect(page.Locator("#provisioning-previous")).ToHaveCountAsync(0);
    }
}

/// <summary>Answers the browser's confirmation dialogs on a page: Cancel until told to accept; keeps what was asked.</summary>
internal sealed class Answers
{
    private readonly List<string> _asked = [];

    public Answers(IPage page) => page.Dialog += async (_, d) =>
    {
        lock (_asked) _asked.Add(d.Message);
        if (Accept) await d.AcceptAsync();
        else await d.DismissAsync();
    };

    public bool Accept { get; set; }

    /// <summary>Waits until a question naming <paramref name="what"/> was asked.</summary>
    public async Task AskedAsync(string what)
    {
        for (var i = 0; i < 100; i++)
        {
            lock (_asked) if (_asked.Any(q => q.Contains(what, StringComparison.Ordinal))) return;
            await Task.Delay(50);
        }
        lock (_asked) Assert.Fail($"no confirmation naming {what} was asked (asked: {string.Join(" | ", _asked)})");
    }
}
