using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// The portal with a keyboard alone (Tab, Shift+Tab, Enter, Space; never a click): every stop shows where
/// focus is, the first Tab offers "Skip to content", and the order follows the page.
/// </summary>
[Collection("Browser")]
public sealed class KeyboardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>What has focus, and whether it is drawn so a person can see it (an outline or a shadow ring).</summary>
    private sealed record Focus(string Tag, string Name, bool Visible, bool OnScreen)
    {
        public override string ToString() => $"{Tag} \"{Name}\"{(Visible ? "" : " (focus not visible)")}{(OnScreen ? "" : " (off screen)")}";
    }

    private const string Focused = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return { tag: 'body', name: '', visible: false, onScreen: true };
          const s = getComputedStyle(el);
          const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
          const r = el.getBoundingClientRect();
          const name = (el.labels && el.labels.length ? el.labels[0].innerText : (el.getAttribute('aria-label') || el.innerText || el.value || '')).trim().replace(/\s+/g, ' ');
          return { tag: el.tagName.toLowerCase() + (el.type ? ':' + el.type : ''), name, visible: ring,
                   onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth };
        }
        """;

    [Fact]
    public async Task Sign_in_add_a_user_and_export_with_the_keyboard_alone()
    {
        var page = await portal.NewPageAsync();
        var k = page.Keyboard;
        await page.GotoAsync("/login");

        // The first Tab offers the skip link, which shows itself when focused.
        await k.PressAsync("Tab");
        var skip = await Now(page);
        Assert.Equal("Skip to content", skip.Name);
        Assert.True(skip.Visible && skip.OnScreen, $"skip link: {skip}");

        await TabTo(page, f => f.Name == "Email");
        await k.TypeAsync(portal.ClientAdmin);
        await k.PressAsync("Tab");
        Assert.Equal("Password", (await Now(page)).Name);
        await k.PressAsync("Shift+Tab");
        Assert.Equal("Email", (await Now(page)).Name);
        await k.PressAsync("Tab");
        await k.TypeAsync(PortalFixture.Password);
        await k.PressAsync("Enter");
        await PortalFixture.AssertSignedInAsync(page, portal.ClientAdmin);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();

        // The header comes in reading order: skip link, brand, navigation, the account's own page, sign-out; then the page's own content.
        await page.GotoAsync("/users");
        var order = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            await k.PressAsync("Tab");
            order.Add((await Now(page)).Name);
        }
        Assert.Equal(["Skip to content", "Switchboard", "Dashboard", "Users", "Import", "Imports", "Templates", "Phone models", "Profiles", "Accounts", "Audit log", $"{portal.ClientAdmin} (client)", "Sign out", "Add User"], order);

        // Skip to content goes straight to the page's first control.
        await page.GotoAsync("/users");
        await k.PressAsync("Tab");
        await k.PressAsync("Enter");
        await k.PressAsync("Tab");
        Assert.Equal("Add User", (await Now(page)).Name);
        await k.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add user" })).ToBeVisibleAsync();

        var email = $"keys-{portal.Tag}@portal.test";
        foreach (var (field, value) in new[] { ("First name", "Key"), ("Last name", "Board"), ("Email", email), ("Extension", "377"), ("Department", "Accessibility") })
        {
            await TabTo(page, f => f.Name == field);
            await k.TypeAsync(value);
        }
        await TabTo(page, f => f.Name == "Do not disturb");
        await k.PressAsync("Space");
        await TabTo(page, f => f.Tag == "button:submit" && f.Name == "Create user");
        await PortalFixture.Shot(page, "keyboard-create-user");
        await k.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("User Key Board was created");

        // Export with secrets: Space ticks the option, Enter on Export downloads users.csv.
        await TabTo(page, f => f.Name == "Include phone secrets and voicemail PINs");
        await k.PressAsync("Space");
        await TabTo(page, f => f.Name == "Export");
        var download = await page.RunAndWaitForDownloadAsync(() => k.PressAsync("Enter"));
        var rows = Csv.Parse(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)));
        var created = rows.Single(r => r["Email"] == email);
        Assert.Equal("Accessibility", created["Department"]);
        Assert.Equal("Yes", created["DND On"]);
        Assert.Matches("^'?[0-9]{4,}$", created["Voicemail Pin"]); // the export keeps spreadsheets from reading it as a number
    }

    [Fact]
    public async Task The_user_form_self_service_client_and_provisioning_pages_work_with_the_keyboard_alone()
    {
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var user = await PortalFixture.PostForIdAsync(api, "/api/v1/users",
            new { firstName = "Tab", lastName = "Stop", email = $"tabstop-{portal.Tag}@portal.test", extension = "378" });
        var page = await portal.SignInAsync(portal.ClientAdmin);
        var k = page.Keyboard;

        // The user form: Enter in a field saves (never the no-script "Show its templates"), and Tab reaches Save through every group.
        await page.GotoAsync($"/users/edit/{user}");
        await TabTo(page, f => f.Name == "Department");
        await k.TypeAsync("Keys");
        await k.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"User {user} was saved");
        Assert.Equal("Keys", (await api.GetJson($"/api/v1/users/{user}"))["department"]!.GetValue<string>());
        await page.GotoAsync($"/users/edit/{user}");
        await TabTo(page, f => f.Name == "Call waiting");
        await k.PressAsync("Space");
        await TabTo(page, f => f.Tag == "button:submit" && f.Name == "Save");
        await k.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"User {user} was saved");
        Assert.False((await api.GetJson($"/api/v1/users/{user}"))["callWaitingOn"]!.GetValue<bool>());

        // The PBX user's own page.
        var me = await portal.SignInAsync(portal.PbxUser);
        await me.GotoAsync("/me");
        var dnd = await me.GetByLabel("Do not disturb").IsCheckedAsync();
        await TabTo(me, f => f.Name == "Do not disturb");
        await me.Keyboard.PressAsync("Space");
        await TabTo(me, f => f.Tag == "button:submit" && f.Name == "Save");
        await me.Keyboard.PressAsync("Enter");
        await Assertions.Expect(me.GetByRole(AriaRole.Status)).ToContainTextAsync("Your settings are saved.");
        Assert.Equal(!dnd, await me.GetByLabel("Do not disturb").IsCheckedAsync());

        // The reseller's client page and provisioning page.
        var reseller = await portal.SignInAsync(portal.ResellerAdmin);
        await reseller.GotoAsync($"/clients/edit/{portal.ClientId}");
        await TabTo(reseller, f => f.Tag == "button:submit" && f.Name == "Save");
        await reseller.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reseller.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await reseller.GotoAsync("/phone-provisioning");
        await TabTo(reseller, f => f.Tag == "button:submit" && f.Name.StartsWith("Set a", StringComparison.Ordinal));
        await reseller.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reseller.Locator("#provisioning-password")).ToBeVisibleAsync();
        await reseller.GotoAsync("/accounts");
        await TabTo(reseller, f => f.Tag == "input:password" && f.Name.StartsWith("New password for", StringComparison.Ordinal));
    }

    /// <summary>Presses Tab until <paramref name="target"/> has focus; every stop on the way must show its focus.</summary>
    private static async Task TabTo(IPage page, Func<Focus, bool> target, int most = 60)
    {
        var seen = new List<Focus>();
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await Now(page);
            seen.Add(f);
            Assert.True(f.Visible && f.OnScreen, $"focus is not visible at {page.Url}: {f}\nafter: {string.Join(" → ", seen)}");
            if (target(f)) return;
        }
        Assert.Fail($"Tab never reached the target at {page.Url}; it went: {string.Join(" → ", seen)}");
    }

    private static async Task<Focus> Now(IPage page)
    {
        var f = await page.EvaluateAsync<System.Text.Json.JsonElement>(Focused);
        return new Focus(f.GetProperty("tag").GetString()!, f.GetProperty("name").GetString()!, f.GetProperty("visible").GetBoolean(), f.GetProperty("onScreen").GetBoolean());
    }
}
