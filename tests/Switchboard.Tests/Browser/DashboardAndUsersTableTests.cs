using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// Issue 16, points 1 and 2: the dashboard each administrator lands on (its numbers link into the lists
/// they count), and the Users table for real work (fits a laptop, page sizes and numbers, filters, the
/// whole row opens the user, a selection exported or deleted), with the mouse and with the keyboard.
/// Screenshots: dashboard-*-1366.png, users-*-1366.png, users-table-390.png (and phone-*dashboard.png
/// from <see cref="PhoneSizeTests"/>).
/// </summary>
[Collection("Browser")]
public sealed class DashboardAndUsersTableTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The accessible name of what has focus (its label, aria-label or text).</summary>
    private const string FocusedName = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return '';
          return (el.labels && el.labels.length ? el.labels[0].innerText : (el.getAttribute('aria-label') || el.innerText || el.value || '')).trim().replace(/\s+/g, ' ');
        }
        """;

    /// <summary>How far the users table sticks out of its box at this width (0: it fits, nothing clipped or scrolled).</summary>
    private const string TableOverflow = "() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth - w.clientWidth; }";

    private static async Task TabTo(IPage page, Func<string, bool> target, bool back = false, int most = 80)
    {
        var seen = new List<string>();
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync(back ? "Shift+Tab" : "Tab");
            var name = await page.EvaluateAsync<string>(FocusedName);
            seen.Add(name);
            if (target(name)) return;
        }
        Assert.Fail($"Tab never reached the target at {page.Url}; it went: {string.Join(" → ", seen)}");
    }

    private static Task<string> Count(IPage page, string what) => page.Locator($"[data-count={what}] .n").InnerTextAsync();

    [Fact]
    public async Task Each_administrator_lands_on_a_dashboard_whose_numbers_open_the_lists_they_count()
    {
        var admin = await portal.Server.AdminAsync();
        var model = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = $"T54W-{portal.Tag}" });
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var template = await PortalFixture.PostForIdAsync(api, "/api/v1/provisioning-templates",
            new { name = $"Desk {portal.Tag}", phoneModelId = model, body = "account.1.user_name = {{extension}}" });
        var deskEmail = $"desk-{portal.Tag}@portal.test";
        await PortalFixture.PostForIdAsync(api, "/api/v1/users", new
        {
            firstName = "Desmond", lastName = "Desk", email = deskEmail, extension = "320",
            phoneModelId = model, provisioningTemplateId = template, macAddress = World.RandomMac(),
        });
        var users = (await api.GetJson("/api/v1/users?pageSize=1"))["total"]!.GetValue<int>();

        // The client administrator lands on its dashboard: totals, registrations unavailable (no registrar here), last imports.
        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: Laptop);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        Assert.Equal(users.ToString("N0", CultureInfo.InvariantCulture), await Count(page, "users"));
        Assert.Equal("1", await Count(page, "desk"));
        Assert.Equal((users - 1).ToString(CultureInfo.InvariantCulture), await Count(page, "softphones"));
        Assert.Equal("1", await Count(page, "never"));
        Assert.Equal("0", await Count(page, "fetched"));
        Assert.Equal("Unavailable", await Count(page, "registered"));
        await Assertions.Expect(page.Locator("table[aria-labelledby=last-imports] tbody tr").First).ToContainTextAsync("created");
        await PortalFixture.Shot(page, "dashboard-client-1366");

        // Its number opens exactly the list it counts.
        await page.Locator("[data-count=never]").ClickAsync();
        Assert.Contains("Fetched=never", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("table.users tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.users tbody tr")).ToContainTextAsync(deskEmail);

        // With the keyboard alone: Tab to the softphones tile, Enter opens the softphone users.
        await page.GotoAsync("/");
        await TabTo(page, n => n.EndsWith("Softphones", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/users\?Device=softphone$"));
        await Assertions.Expect(page.Locator("table.users tbody tr")).ToHaveCountAsync(users - 1);
        await Assertions.Expect(page.Locator("table.users")).Not.ToContainTextAsync(deskEmail);

        // The reseller sees its clients, one line each; the client's name opens the client's users.
        var reseller = await portal.SignInAsync(portal.ResellerAdmin, viewport: Laptop);
        var line = reseller.Locator($"tr[data-client='{portal.ClientId}']");
        await Assertions.Expect(line).ToContainTextAsync($"Portal client {portal.Tag}");
        await Assertions.Expect(line.Locator("td").Nth(0)).ToHaveTextAsync(users.ToString(CultureInfo.InvariantCulture));
        await PortalFixture.Shot(reseller, "dashboard-reseller-1366");
        await line.GetByRole(AriaRole.Link, new() { Name = $"1 desk phones of Portal client {portal.Tag}", Exact = true }).ClickAsync();
        await Assertions.Expect(reseller.Locator("table.users tbody tr")).ToHaveCountAsync(1);
        Assert.Contains($"ClientId={portal.ClientId}", reseller.Url, StringComparison.Ordinal);

        // The platform administrator sees each reseller; its users link lists that reseller's users, with their client.
        var platform = await portal.SignInAsync(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword, Laptop);
        var resellerLine = platform.Locator("tr[data-reseller]", new() { HasText = $"Portal reseller {portal.Tag}" });
        await Assertions.Expect(resellerLine).ToBeVisibleAsync();
        await PortalFixture.Shot(platform, "dashboard-admin-1366");
        await resellerLine.GetByRole(AriaRole.Link, new() { Name = $"{users} users of Portal reseller {portal.Tag}", Exact = true }).ClickAsync();
        await Assertions.Expect(platform.GetByRole(AriaRole.Columnheader, new() { Name = "Client" })).ToBeVisibleAsync();
        await Assertions.Expect(platform.Locator("table.users tbody tr")).ToHaveCountAsync(users);
    }

    [Fact]
    public async Task The_users_table_fits_a_laptop_pages_filters_opens_rows_and_deletes_or_exports_a_selection()
    {
        var department = $"Bulk {portal.Tag}";
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        await api.Import(Encoding.UTF8.GetBytes(Csv.Write([.. Enumerable.Range(0, 30).Select(i => new Dictionary<string, string>
        {
            ["First Name"] = $"Bulk{i:00}", ["Last Name"] = $"Member with a rather long surname {i}",
            ["Email"] = $"bulk-member-number-{i:00}-{portal.Tag}@a-long-company-domain.example", ["Extension"] = (400 + i).ToString(CultureInfo.InvariantCulture),
            ["Department"] = department,
        })])));

        // At 1366×768 the whole table fits: nothing clipped, no sideways scrolling. The reseller's all-clients list has a Client column.
        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: Laptop);
        await page.GotoAsync("/users");
        Assert.True(await page.EvaluateAsync<int>(TableOverflow) <= 0, "the client's users table scrolls sideways at 1366 px");
        await PortalFixture.Shot(page, "users-table-1366");
        var reseller = await portal.SignInAsync(portal.ResellerAdmin, viewport: Laptop);
        await reseller.GotoAsync("/users");
        await Assertions.Expect(reseller.GetByRole(AriaRole.Columnheader, new() { Name = "Client" })).ToBeVisibleAsync();
        await Assertions.Expect(reseller.Locator("table.users tbody tr").First).ToContainTextAsync($"Portal client {portal.Tag}");
        Assert.True(await reseller.EvaluateAsync<int>(TableOverflow) <= 0, "the reseller's users table scrolls sideways at 1366 px");
        await PortalFixture.Shot(reseller, "users-reseller-1366");

        // Filter by department, 25 a page, page numbers.
        await page.GetByLabel("Department").SelectOptionAsync(department);
        await page.GetByLabel("Per page").SelectOptionAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.users tbody tr")).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator("nav.pager")).ToContainTextAsync("30 users · page 1 of 2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Page 2" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.users tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("nav.pager [aria-current=page]")).ToHaveTextAsync("2");

        // The whole row opens the user: a click on its department cell.
        // (A person clicks where the cell is; the row's link lies over it, which is the point.)
        var cell = await page.Locator("table.users tbody tr").First.Locator("td", new() { HasText = department }).BoundingBoxAsync();
        await page.Mouse.ClickAsync(cell!.X + cell.Width / 2, cell.Y + cell.Height / 2);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/users/edit/\d+$"));
        await page.GoBackAsync();

        // Keyboard alone: Space ticks two users, Shift+Tab back to "Delete selected…", Enter; the confirmation counts them; Enter deletes.
        await page.GotoAsync($"/users?Department={Uri.EscapeDataString(department)}&Size=25&Sort=extension");
        await TabTo(page, n => n.StartsWith("Select Bulk00", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Space");
        await TabTo(page, n => n.StartsWith("Select Bulk01", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#selected-count")).ToHaveTextAsync("2 users selected");
        await PortalFixture.Shot(page, "users-selected-1366");
        await TabTo(page, n => n == "Delete selected…", back: true);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete 2 users?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(2);
        await PortalFixture.Shot(page, "users-delete-confirm-1366");
        await TabTo(page, n => n == "Delete 2 users");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 users were deleted.");
        await Assertions.Expect(page.Locator("nav.pager")).ToContainTextAsync("28 users");
        await Assertions.Expect(page.Locator("table.users")).Not.ToContainTextAsync("Bulk00");

        // Enter on a row's name opens that user.
        await TabTo(page, n => n.StartsWith("Bulk02 ", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/users/edit/\d+$"));

        // Select the whole page, export the selection: those 25 users, nothing else.
        await page.GotoAsync($"/users?Department={Uri.EscapeDataString(department)}&Size=25");
        await page.GetByLabel("Select every user on this page").CheckAsync();
        await Assertions.Expect(page.Locator("#selected-count")).ToHaveTextAsync("25 users selected");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export selected" }).ClickAsync());
        var rows = Csv.Parse(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)));
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Equal(department, r["Department"]));

        // On a phone the same table scrolls inside its own box, ticked rows and all.
        var phone = await portal.SignInAsync(portal.ClientAdmin, viewport: Phone);
        await phone.GotoAsync($"/users?Department={Uri.EscapeDataString(department)}&Size=25");
        await phone.GetByLabel("Select Bulk02", new() { Exact = false }).CheckAsync();
        await PortalFixture.Shot(phone, "users-table-390");
    }
}
