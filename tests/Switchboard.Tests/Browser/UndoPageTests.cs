using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>product.md, "Undo an import": the import page's Undo this import, its confirmation, and the undo's report.</summary>
[Collection("Browser")]
public sealed class UndoPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_client_administrator_undoes_an_import_from_its_page_after_a_confirmation_and_reads_the_undos_report()
    {
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var existing = new Dictionary<string, string>
        {
            ["First Name"] = "Undo", ["Last Name"] = "Me", ["Email"] = $"undo-me-{portal.Tag}@portal.test", ["Extension"] = "350", ["Department"] = "Before",
        };
        (await api.Import(Encoding.UTF8.GetBytes(Csv.Write([existing])))).AssertCounts(created: 1);
        var id = (await api.Export()).Rows.Single(r => r["Email"] == existing["Email"])["ID"];

        var page = await portal.SignInAsync(portal.ClientAdmin);
        var file = Path.Combine(Path.GetTempPath(), $"undo-{portal.Tag}.csv");
        await File.WriteAllTextAsync(file, Csv.Write(
        [
            new Dictionary<string, string>(existing) { ["ID"] = id, ["Department"] = "Imported", ["Phone Secret"] = "ImportedSecret7731q" },
            new Dictionary<string, string> { ["First Name"] = "Brand", ["Last Name"] = "New", ["Email"] = $"brand-new-{portal.Tag}@portal.test", ["Extension"] = "351" },
        ]));
        await page.GotoAsync("/import");
        await Assertions.Expect(page.GetByText("can be undone from its page")).ToBeVisibleAsync();
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        var importUrl = page.Url;

        // The button is behind a confirmation that says what will happen.
        var undo = page.GetByRole(AriaRole.Button, new() { Name = "Undo import" });
        await Assertions.Expect(undo).ToBeHiddenAsync();
        await page.GetByText("Undo this import").ClickAsync();
        var confirmation = page.Locator("#undo");
        await Assertions.Expect(confirmation).ToContainTextAsync("deletes the 1 user(s) it created");
        await Assertions.Expect(confirmation).ToContainTextAsync("gives the 1 user(s) it updated back every value it changed");
        await Assertions.Expect(confirmation).ToContainTextAsync("phone secrets, voicemail PINs and web passwords");
        await PortalFixture.Shot(page, "undo-confirmation");
        await undo.ClickAsync();

        // The undo's own page: its progress, then its report.
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("undo of import");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        Assert.Equal("2", await page.Locator(".totals div:has(dt:text-is('Reverted')) dd").InnerTextAsync());
        Assert.Equal("0", await page.Locator(".totals div:has(dt:text-is('Not reverted')) dd").InnerTextAsync());
        await PortalFixture.Shot(page, "undo-report");

        await page.GotoAsync(importUrl);
        await Assertions.Expect(page.Locator("#undone")).ToContainTextAsync($"Undone by {portal.ClientAdmin} at");
        await Assertions.Expect(page.GetByText("Undo this import")).ToHaveCountAsync(0);
        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator("a.undone").First).ToContainTextAsync($"undone by {portal.ClientAdmin}");

        var user = (await api.Export("?includeSecrets=true")).Rows.Single(r => r["ID"] == id);
        Assert.Equal("Before", user["Department"]);
        Assert.DoesNotContain((await api.Export()).Rows, r => r["Email"] == $"brand-new-{portal.Tag}@portal.test");
    }
}
