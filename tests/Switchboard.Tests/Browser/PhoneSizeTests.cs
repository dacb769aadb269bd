using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// Every main page at a phone's size (390×844): the page never scrolls sideways as a whole and nothing
/// sticks out past the screen's edge; only wide tables scroll, inside their own box. On the way, every
/// input has a label and every POST form its antiforgery token. Screenshots of each page go to
/// artifacts/screenshots/phone-*.png for a person to look at.
/// </summary>
[Collection("Browser")]
public sealed class PhoneSizeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>
    /// Answers what is wider than the screen: the document itself, or any element (outside a box that
    /// scrolls sideways) whose right edge is past the viewport's. Empty when the page fits.
    /// </summary>
    private const string Overflow = """
        () => {
          const width = document.documentElement.clientWidth;
          const found = [];
          if (document.documentElement.scrollWidth > width) found.push(`document is ${document.documentElement.scrollWidth}px wide in ${width}px`);
          const scrolls = el => { for (let e = el.parentElement; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.right <= width + 0.5 || scrolls(el)) continue;
            found.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} ends at ${Math.round(r.right)}px`);
          }
          return found.slice(0, 10);
        }
        """;

    /// <summary>
    /// Answers the form controls a screen reader could not name (no label, no aria-label) and the POST forms
    /// without an antiforgery token: issue 3 asks for labels on every input and antiforgery on every form.
    /// </summary>
    private const string Unlabelled = """
        () => {
          const found = [];
          for (const el of document.querySelectorAll('input, select, textarea')) {
            if (el.type === 'hidden') continue;
            if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label')) found.push(`${el.tagName.toLowerCase()} ${el.name || el.id} has no label`);
          }
          for (const f of document.querySelectorAll('form')) {
            if ((f.getAttribute('method') || 'get').toLowerCase() === 'post' && !f.querySelector('input[name=__RequestVerificationToken]'))
              found.push(`form posting to ${f.getAttribute('action')} has no antiforgery token`);
          }
          return found;
        }
        """;

    [Fact]
    public async Task Every_main_page_fits_a_phone_screen_labels_its_inputs_and_protects_its_forms()
    {
        var (importId, userId, templateId, profileId) = await SeedAsync();
        var problems = new List<string>();

        var anonymous = await portal.NewPageAsync(Phone);
        await Visit(anonymous, "/login", "phone-login", problems);

        var client = await portal.SignInAsync(portal.ClientAdmin, viewport: Phone);
        await Visit(client, "/", "phone-dashboard", problems);
        await Visit(client, "/users", "phone-users", problems);
        await Visit(client, $"/users/edit/{userId}", "phone-user-edit", problems);
        await Visit(client, "/users/edit", "phone-user-add", problems);
        await Visit(client, "/import", "phone-import", problems);
        await Visit(client, $"/imports/{importId}", "phone-import-detail", problems);
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Error Log" })).ToBeVisibleAsync();
        await Visit(client, "/imports", "phone-imports", problems);
        await Visit(client, "/templates", "phone-templates", problems);
        await Visit(client, $"/templates/edit/{templateId}", "phone-template-edit", problems);
        await Visit(client, "/profiles", "phone-profiles", problems);
        await Visit(client, $"/profiles/edit/{profileId}", "phone-profile-rename", problems);
        await Visit(client, "/phone-models", "phone-phone-models", problems);

        var reseller = await portal.SignInAsync(portal.ResellerAdmin, viewport: Phone);
        await Visit(reseller, "/", "phone-reseller-dashboard", problems);
        await Visit(reseller, "/users", "phone-reseller-users", problems);
        await Visit(reseller, "/clients", "phone-clients", problems);
        await Visit(reseller, $"/clients/edit/{portal.ClientId}", "phone-client-edit", problems);
        await Visit(reseller, "/accounts", "phone-accounts", problems);
        await Visit(reseller, "/phone-provisioning", "phone-provisioning", problems);

        var admin = await portal.SignInAsync(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword, Phone);
        await Visit(admin, "/", "phone-admin-dashboard", problems);
        await Visit(admin, "/resellers", "phone-resellers", problems);

        var user = await portal.SignInAsync(portal.PbxUser, viewport: Phone);
        await Visit(user, "/me", "phone-me", problems);

        Assert.True(problems.Count == 0, "problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_navigation_wraps_on_a_phone_so_every_link_stays_on_screen()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: Phone);
        foreach (var link in await page.Locator("header nav a").AllAsync())
        {
            var box = await link.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"{await link.InnerTextAsync()} is at x={box.X}, width {box.Width}");
            await Assertions.Expect(link).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync();
    }

    private static async Task Visit(IPage page, string path, string shot, List<string> problems)
    {
        var r = await page.GotoAsync(path);
        Assert.True(r!.Ok, $"GET {path}: {r.Status}");
        await PortalFixture.Shot(page, shot);
        foreach (var p in await page.EvaluateAsync<string[]>(Overflow)) problems.Add($"{path}: {p}");
        foreach (var p in await page.EvaluateAsync<string[]>(Unlabelled)) problems.Add($"{path}: {p}");
    }

    /// <summary>Content as long as real data gets: a long template name, a profile, and an import whose Error Log has long values.</summary>
    private async Task<(int ImportId, int UserId, int TemplateId, int ProfileId)> SeedAsync()
    {
        var admin = await portal.Server.AdminAsync();
        var model = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = $"T46U-{portal.Tag}" });
        var client = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var template = await PortalFixture.PostForIdAsync(client, "/api/v1/provisioning-templates",
            new { name = $"Reception desks on the second floor {portal.Tag}", phoneModelId = model, body = "account.1.user_name = {{extension}}" });
        var profile = await PortalFixture.PostForIdAsync(client, "/api/v1/user-profiles", new { name = $"Night shift {portal.Tag}" });
        var import = await client.Import(Encoding.UTF8.GetBytes(Csv.Write(
        [
            new Dictionary<string, string> { ["First Name"] = "Wide", ["Last Name"] = "Rows", ["Email"] = $"a-very-long-address-for-a-phone-screen-{portal.Tag}@long-company-domain.example", ["Extension"] = "abc" },
            new Dictionary<string, string> { ["First Name"] = "Good", ["Last Name"] = "Row", ["Email"] = $"good-{portal.Tag}@portal.test", ["Extension"] = "340", ["Voicemail Pin"] = "1234" },
        ])));
        var users = await client.GetJson("/api/v1/users?pageSize=1");
        return (import.Id, users["items"]![0]!["id"]!.GetValue<int>(), template, profile);
    }
}
