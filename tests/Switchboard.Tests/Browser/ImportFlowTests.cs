using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

/// <summary>
/// Issue 16, the import flow and spreadsheet mishaps: the Import page's empty template, column help and
/// spreadsheet guidance; a validation that names what a spreadsheet did (a dropped + or leading zeros);
/// a validation without failed rows imported with "Import this file now", with the keyboard alone.
/// Screenshots at 1366×768 and 390×844.
/// </summary>
[Collection("Browser")]
public sealed class ImportFlowTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_validation_names_spreadsheet_mishaps_and_a_clean_one_is_imported_with_Import_this_file_now()
    {
        var api = await portal.Server.SignInAsync(portal.ClientAdmin, PortalFixture.Password);
        var stored = await api.PostJson("/api/v1/users", new
        {
            firstName = "Plus", lastName = "Zeros", email = $"plus-zeros-{portal.Tag}@portal.test", extension = "361",
            forwardNumber = "+442079460000", voicemailPin = "048213",
        });
        var id = stored["id"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: Laptop);
        await page.GotoAsync("/import");

        // The empty template is the export's header row, nothing else.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "download an empty template" }).ClickAsync());
        var template = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(string.Join(",", Csv.Headers) + "\r\n", template);

        await page.GetByText("What goes in each column").ClickAsync();
        await Assertions.Expect(page.Locator("#columns dt")).ToHaveCountAsync(Csv.Headers.Length);
        await Assertions.Expect(page.Locator("#columns")).ToContainTextAsync("Voicemail Pin4 to 10 digits");
        await page.GetByText("Opening users.csv in a spreadsheet").ClickAsync();
        await Assertions.Expect(page.Locator("#spreadsheets")).ToContainTextAsync("Do not detect data types");
        await Assertions.Expect(page.Locator("#spreadsheets")).ToContainTextAsync("Format quoted field as text");
        await PortalFixture.Shot(page, "import-page-1366");
        await ShotAtPhoneSize("/import", "import-page-390", async p =>
        {
            await p.GetByText("What goes in each column").ClickAsync();
            await p.GetByText("Opening users.csv in a spreadsheet").ClickAsync();
        });

        // A spreadsheet dropped the + and the PIN's leading zero: both named, the PIN masked, no import offered.
        var mishaps = Path.Combine(Path.GetTempPath(), $"mishaps-{portal.Tag}.csv");
        await File.WriteAllTextAsync(mishaps, Csv.Write([new Dictionary<string, string> { ["ID"] = id, ["Forward Number"] = "442079460000", ["Voicemail Pin"] = "48213" }],
            ["ID", "Forward Number", "Voicemail Pin"]));
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(mishaps);
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate only" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        var log = page.Locator("ol.errors");
        await Assertions.Expect(log).ToContainTextAsync("Forward Number “442079460000”: Is the stored number without its leading +");
        await Assertions.Expect(log).ToContainTextAsync("dropped the +");
        await Assertions.Expect(log).ToContainTextAsync("Voicemail Pin “••••••”: Is the stored PIN without its leading zeros");
        Assert.DoesNotContain("48213", await log.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import this file now" })).ToHaveCountAsync(0);
        await PortalFixture.Shot(page, "import-mishaps-1366");
        await ShotAtPhoneSize(new Uri(page.Url).PathAndQuery, "import-mishaps-390");

        // A clean file, with the keyboard alone: Validate only, then Import this file now (no second file picker).
        var clean = Path.Combine(Path.GetTempPath(), $"clean-{portal.Tag}.csv");
        var email = $"import-now-{portal.Tag}@portal.test";
        await File.WriteAllTextAsync(clean, Csv.Write([new Dictionary<string, string>
        {
            ["First Name"] = "Imported", ["Last Name"] = "Now", ["Email"] = email, ["Extension"] = "362", ["Voicemail Pin"] = "058213",
        }]));
        await page.GotoAsync("/import");
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(clean);
        await TabTo(page, "Validate only");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        var validation = page.Url;
        await Assertions.Expect(page.Locator("#import-now")).ToContainTextAsync("kept on the server for an hour");
        await TabTo(page, "Import this file now");
        await PortalFixture.Shot(page, "import-now-1366");
        await ShotAtPhoneSize(new Uri(validation).PathAndQuery, "import-now-390");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Import ");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        Assert.NotEqual(validation, page.Url);
        Assert.Equal("1", await page.Locator(".totals div:has(dt:text-is('Created')) dd").InnerTextAsync());
        var user = (await api.Export("?includeSecrets=true")).Rows.Single(r => r["Email"] == email);
        Assert.Equal("'058213", user["Voicemail Pin"]);

        await page.GotoAsync(validation);
        await Assertions.Expect(page.Locator("#import-now-blocked")).ToContainTextAsync("no longer kept");
    }

    /// <summary>The same page at a phone's size, in a fresh signed-in context.</summary>
    private async Task ShotAtPhoneSize(string path, string name, Func<IPage, Task>? prepare = null)
    {
        var phone = await portal.SignInAsync(portal.ClientAdmin, viewport: Phone);
        await phone.GotoAsync(path);
        if (prepare is not null) await prepare(phone);
        await PortalFixture.Shot(phone, name);
        await phone.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the button or link named <paramref name="name"/> has focus.</summary>
    internal static async Task TabTo(IPage page, string name, int most = 60)
    {
        var seen = new List<string>();
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.innerText || document.activeElement?.value || '').trim()");
            seen.Add(focused);
            if (focused == name) return;
        }
        Assert.Fail($"Tab never reached \"{name}\" at {page.Url}; it went: {string.Join(" → ", seen)}");
    }
}
