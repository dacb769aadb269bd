using System.Net.Http.Json;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// Editing a provisioning template and renaming a user profile from the pages: flash after saving, errors
/// beside the fields, and anything the caller may not change answers exactly like an ID that does not exist.
/// </summary>
[Collection("Browser")]
public sealed class CatalogEditingTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Missing = 987654321;

    [Fact]
    public async Task A_client_administrator_edits_its_own_template_but_not_a_system_or_foreign_one()
    {
        var admin = await portal.Server.AdminAsync();
        var yealink = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Yealink", model = $"T46U-{portal.Tag}" });
        var polycom = await PortalFixture.PostForIdAsync(admin, "/api/v1/phone-models", new { vendor = "Polycom", model = $"VVX450-{portal.Tag}" });
        var system = await PortalFixture.PostForIdAsync(admin, "/api/v1/provisioning-templates", new { name = $"System {portal.Tag}", phoneModelId = yealink, body = "x" });
        var other = await OtherClientAsync("tpl");
        var foreign = await PortalFixture.PostForIdAsync(other, "/api/v1/provisioning-templates", new { name = $"Theirs {portal.Tag}", phoneModelId = yealink, body = "theirs" });

        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync($"Front desk {portal.Tag}");
        await page.GetByLabel("Phone model").SelectOptionAsync(new SelectOptionValue { Value = yealink.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added with ID");

        // The system template is listed read-only: only a Preview link, no Edit, and its edit page does not exist for a client.
        var systemRow = page.Locator("table tbody tr", new() { HasText = $"System {portal.Tag}" });
        await Assertions.Expect(systemRow).ToContainTextAsync("Read-only");
        Assert.Equal(0, await systemRow.GetByRole(AriaRole.Link, new() { Name = "Edit" }).CountAsync());
        Assert.Equal(1, await systemRow.GetByRole(AriaRole.Link).CountAsync());
        Assert.Equal(1, await systemRow.GetByRole(AriaRole.Link, new() { Name = "Preview" }).CountAsync());

        await page.Locator("table tbody tr", new() { HasText = $"Front desk {portal.Tag}" }).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit template" })).ToBeVisibleAsync();
        var id = int.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByLabel("Name").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#err-name")).ToContainTextAsync("Enter a name");
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-describedby", "err-name");

        await page.GetByLabel("Name").FillAsync($"Reception {portal.Tag}");
        await page.GetByLabel("Phone model").SelectOptionAsync(new SelectOptionValue { Value = polycom.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await page.GetByLabel("Configuration body").FillAsync("reg.1.label = {{extension}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Template \"Reception {portal.Tag}\" (ID {id}) was saved.");
        await Assertions.Expect(page.Locator("table tbody tr", new() { HasText = $"Reception {portal.Tag}" })).ToContainTextAsync($"Polycom VVX450-{portal.Tag}");
        var client = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var stored = await client.GetJson($"/api/v1/provisioning-templates/{id}");
        Assert.Equal("reg.1.label = {{extension}}", stored["body"]!.GetValue<string>());

        // Once a user relies on it, its phone model stays; the page says so beside the field.
        var user = await client.PostAsJsonAsync("/api/v1/users", new
        {
            firstName = "Desk", lastName = "Phone", email = $"desk-{portal.Tag}@portal.test", extension = "360",
            phoneModelId = polycom, provisioningTemplateId = id, macAddress = World.RandomMac(),
        });
        Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync());
        await page.GotoAsync($"/templates/edit/{id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 user(s) use it");
        await page.GetByLabel("Phone model").SelectOptionAsync(new SelectOptionValue { Value = yealink.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#err-phoneModelId")).ToContainTextAsync("phone model cannot change");
        await PortalFixture.Shot(page, "template-edit-error");
        Assert.Equal(polycom, (await client.GetJson($"/api/v1/provisioning-templates/{id}"))["phoneModelId"]!.GetValue<int>());

        // Another client's template, a system one and an ID that does not exist all answer the same 404.
        var missing = await NotFoundAnswer(page, $"/templates/edit/{Missing}");
        Assert.Equal(missing, await NotFoundAnswer(page, $"/templates/edit/{foreign}"));
        Assert.Equal(missing, await NotFoundAnswer(page, $"/templates/edit/{system}"));
        var form = new Dictionary<string, string> { ["name"] = "Hijacked", ["phoneModelId"] = $"{yealink}", ["body"] = "hijacked" };
        Assert.Equal(missing, await PostAnswer(page, $"/templates/edit/{Missing}", form));
        Assert.Equal(missing, await PostAnswer(page, $"/templates/edit/{foreign}", form));
        Assert.Equal(missing, await PostAnswer(page, $"/templates/edit/{system}", form));
        Assert.Equal($"Theirs {portal.Tag}", (await other.GetJson($"/api/v1/provisioning-templates/{foreign}"))["name"]!.GetValue<string>());
        Assert.Equal($"System {portal.Tag}", (await admin.GetJson($"/api/v1/provisioning-templates/{system}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_administrator_renames_a_profile_and_a_duplicate_name_is_explained()
    {
        var other = await OtherClientAsync("prof");
        var foreign = await PortalFixture.PostForIdAsync(other, "/api/v1/user-profiles", new { name = $"Their shift {portal.Tag}" });

        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Profiles" }).ClickAsync();
        foreach (var name in new[] { $"Day shift {portal.Tag}", $"Night shift {portal.Tag}" })
        {
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added with ID");
        }

        await page.Locator("table tbody tr", new() { HasText = $"Day shift {portal.Tag}" }).GetByRole(AriaRole.Link, new() { Name = "Rename" }).ClickAsync();
        var id = int.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("New name").FillAsync($"Night shift {portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.Locator("#err-name")).ToHaveTextAsync($"A profile named \"Night shift {portal.Tag}\" already exists.");
        await Assertions.Expect(page.GetByLabel("New name")).ToHaveValueAsync($"Night shift {portal.Tag}");
        await PortalFixture.Shot(page, "profile-rename-error");

        await page.GetByLabel("New name").FillAsync($"Early shift {portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"is now called \"Early shift {portal.Tag}\"");
        var row = page.Locator("table tbody tr", new() { HasText = $"Early shift {portal.Tag}" });
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync($"{id}");
        await Assertions.Expect(page.Locator("table")).Not.ToContainTextAsync($"Day shift {portal.Tag}");

        var missing = await NotFoundAnswer(page, $"/profiles/edit/{Missing}");
        Assert.Equal(missing, await NotFoundAnswer(page, $"/profiles/edit/{foreign}"));
        Assert.Equal(missing, await PostAnswer(page, $"/profiles/edit/{foreign}", new() { ["name"] = "Hijacked" }));
        Assert.Equal($"Their shift {portal.Tag}", (await other.GetJson($"/api/v1/user-profiles/{foreign}"))["name"]!.GetValue<string>());

        // Profiles are the client administrator's to manage: the reseller sees them but is not offered a rename.
        var reseller = await portal.SignInAsync(portal.ResellerAdmin);
        await reseller.GotoAsync("/profiles");
        await Assertions.Expect(reseller.Locator("table")).ToContainTextAsync($"Early shift {portal.Tag}");
        Assert.Equal(0, await reseller.GetByRole(AriaRole.Link, new() { Name = "Rename" }).CountAsync());
        await reseller.GotoAsync($"/profiles/edit/{id}");
        await Assertions.Expect(reseller.GetByRole(AriaRole.Heading, new() { Name = "User profiles" })).ToBeVisibleAsync();
    }

    /// <summary>A second client of another reseller, with its administrator signed in to the API.</summary>
    private async Task<HttpClient> OtherClientAsync(string suffix)
    {
        var admin = await portal.Server.AdminAsync();
        var reseller = await PortalFixture.PostForIdAsync(admin, "/api/v1/resellers", new { name = $"Other reseller {suffix} {portal.Tag}" });
        var client = await PortalFixture.PostForIdAsync(admin, "/api/v1/clients", new { name = $"Other client {suffix} {portal.Tag}", resellerId = reseller });
        var email = $"other-{suffix}-{portal.Tag}@portal.test";
        await PortalFixture.PostForIdAsync(admin, "/api/v1/accounts", new { email, password = PortalFixture.Password, role = "client", clientId = client });
        return await portal.Server.SignInAsync(email, PortalFixture.Password);
    }

    /// <summary>Status and what the page says, to compare "not yours" with "does not exist".</summary>
    private static async Task<string> NotFoundAnswer(IPage page, string path)
    {
        var r = await page.GotoAsync(path);
        var answer = $"{r!.Status} {await page.Locator("main").InnerTextAsync()}";
        Assert.StartsWith("404 Not found", answer, StringComparison.Ordinal);
        return answer;
    }

    /// <summary>A form post with the signed-in browser's cookies and a valid antiforgery token, as a crafted request would be.</summary>
    private static async Task<string> PostAnswer(IPage page, string path, Dictionary<string, string> fields)
    {
        await page.GotoAsync("/profiles");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        foreach (var (k, v) in fields) form.Set(k, v);
        var r = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
        // The same page as a visit would show: read its main content the way the browser does.
        await page.SetContentAsync(await r.TextAsync());
        return $"{r.Status} {await page.Locator("main").InnerTextAsync()}";
    }
}
