using System.Text;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Browser;

[CollectionDefinition("Browser", DisableParallelization = true)]
public sealed class BrowserCollection;

/// <summary>The portal driven in Chromium, as an administrator who has never seen it would use it.</summary>
[Collection("Browser")]
public sealed class PortalTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_client_administrator_exports_imports_with_bad_rows_reads_the_error_log_and_fixes_the_failed_rows()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await PortalFixture.Shot(page, "users");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
        Assert.Equal("users.csv", download.SuggestedFilename);
        var exported = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var rows = Csv.Parse(exported);
        Assert.Contains(rows, r => r["Last Name"] == "Lovelace");

        // Edit the file: one department changed, one good new user, two bad new rows.
        var ada = rows.Single(r => r["Last Name"] == "Lovelace");
        ada["Department"] = "Research";
        var edited = new List<Dictionary<string, string>>
        {
            ada,
            new() { ["First Name"] = "Grace", ["Last Name"] = "Hopper", ["Email"] = $"grace-{portal.Tag}@portal.test", ["Extension"] = "304" },
            new() { ["First Name"] = "Bad", ["Last Name"] = "Pin", ["Email"] = $"badpin-{portal.Tag}@portal.test", ["Extension"] = "305", ["Voicemail Pin"] = "1234" },
            new() { ["First Name"] = "", ["Last Name"] = "NoFirst", ["Email"] = $"nofirst-{portal.Tag}@portal.test", ["Extension"] = "306" },
        };
        var file = Path.Combine(Path.GetTempPath(), $"edited-{portal.Tag}.csv");
        await File.WriteAllTextAsync(file, Csv.Write(edited));

        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Import changes users at once")).ToBeVisibleAsync();
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(file);
        await PortalFixture.Shot(page, "import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        // The progress bar runs to the end by itself, then the report shows.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Error Log" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed");
        await Assertions.Expect(page.Locator(".totals")).ToContainTextAsync("Created");
        await PortalFixture.Shot(page, "report");
        var log = await page.Locator("ol.errors").InnerTextAsync();
        Assert.Contains("Row 4", log, StringComparison.Ordinal);
        Assert.Contains("Voicemail Pin", log, StringComparison.Ordinal);
        Assert.Contains("Row 5", log, StringComparison.Ordinal);
        Assert.Contains("First Name", log, StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator(".totals div:has(dt:text('Created')) dd").InnerTextAsync());
        Assert.Equal("1", await page.Locator(".totals div:has(dt:text('Updated')) dd").InnerTextAsync());
        Assert.Equal("2", await page.Locator(".totals div:has(dt:text('Failed')) dd").InnerTextAsync());

        var failed = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download failed rows (CSV)" }).ClickAsync());
        var failedRows = Csv.Parse(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await failed.PathAsync())!)));
        Assert.Equal(2, failedRows.Count);
        Assert.All(failedRows, r => Assert.False(string.IsNullOrEmpty(r["Error"])));

        // Fix them and import that file alone.
        failedRows[0]["Voicemail Pin"] = "4826";
        failedRows[1]["First Name"] = "Now";
        var fixedFile = Path.Combine(Path.GetTempPath(), $"fixed-{portal.Tag}.csv");
        await File.WriteAllTextAsync(fixedFile, Csv.Write(failedRows, [.. failedRows[0].Keys]));
        await page.GotoAsync("/import");
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(fixedFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        Assert.Equal("2", await page.Locator(".totals div:has(dt:text('Created')) dd").InnerTextAsync());
        Assert.Equal("0", await page.Locator(".totals div:has(dt:text('Failed')) dd").InnerTextAsync());

        await page.GotoAsync("/imports");
        // Both imports are in the history, newest first, with who ran them.
        await Assertions.Expect(page.Locator("table tbody tr").First).ToContainTextAsync($"fixed-{portal.Tag}.csv");
        await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync($"edited-{portal.Tag}.csv");
        await Assertions.Expect(page.Locator("table tbody tr").First).ToContainTextAsync(portal.ClientAdmin);
        await PortalFixture.Shot(page, "imports");
    }

    [Fact]
    public async Task Add_user_shows_the_import_rules_beside_the_fields_then_creates_the_user()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add User" }).ClickAsync();
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Form");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Made");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"form-{portal.Tag}@portal.test");
        await page.GetByLabel("Extension", new() { Exact = true }).FillAsync("9110");
        await page.GetByLabel("Voicemail PIN (empty: generated)").FillAsync("1111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#err-extension")).ToContainTextAsync("emergency number 911");
        await Assertions.Expect(page.Locator("#err-voicemailPin")).ToContainTextAsync("repeated");
        await PortalFixture.Shot(page, "user-form-errors");

        await page.GetByLabel("Extension", new() { Exact = true }).FillAsync("391");
        await page.Locator("button.generate[data-target=voicemailPin]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was created");
        await page.GotoAsync("/users?Q=form-" + portal.Tag);
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_client_administrator_adds_a_profile_and_a_template_and_sees_the_ids_users_csv_needs()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Profiles" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync($"Night shift {portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added with ID");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync($"Night shift {portal.Tag}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Phone models" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The catalog is empty")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No templates yet")).ToBeVisibleAsync();
        await PortalFixture.Shot(page, "templates");
    }

    [Fact]
    public async Task Validate_only_reports_and_changes_nothing()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        var file = Path.Combine(Path.GetTempPath(), $"validate-{portal.Tag}.csv");
        await File.WriteAllTextAsync(file, Csv.Write(
            [new Dictionary<string, string> { ["First Name"] = "Dry", ["Last Name"] = "Run", ["Email"] = $"dry-{portal.Tag}@portal.test", ["Extension"] = "390" }]));
        await page.GotoAsync("/import");
        await page.GetByLabel("Select CSV file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate only" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Validate only: nothing was changed.")).ToBeVisibleAsync();
        Assert.Equal("1", await page.Locator(".totals div:has(dt:text('Created')) dd").InnerTextAsync());
        await page.GotoAsync("/users?Q=dry-" + portal.Tag);
        await Assertions.Expect(page.GetByText("No user matches this search.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reseller_exports_but_is_not_offered_import()
    {
        var page = await portal.SignInAsync(portal.ResellerAdmin);
        await page.GotoAsync("/users");
        await Assertions.Expect(page.GetByText("sign in as an administrator of the client")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).CountAsync());
        await page.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(portal.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
        Assert.Contains("Lovelace", Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)), StringComparison.Ordinal);
        await PortalFixture.Shot(page, "reseller-users");
        await page.GotoAsync("/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Reseller accounts cannot import");
    }

    [Fact]
    public async Task A_reseller_adds_a_client_and_its_administrator_who_can_then_sign_in()
    {
        var page = await portal.SignInAsync(portal.ResellerAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Initech {portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added with ID");
        await page.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = (await page.Locator("#clientId option", new() { HasText = "Initech" }).InnerTextAsync()) });
        await page.GetByLabel("Email").FillAsync($"it-{portal.Tag}@initech.test");
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("Initech-Admin-Pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add administrator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("can now sign in");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync($"it-{portal.Tag}@initech.test");
        await PortalFixture.Shot(page, "clients");

        var admin = await portal.SignInAsync($"it-{portal.Tag}@initech.test", "Initech-Admin-Pass-1");
        await Assertions.Expect(admin.GetByText("No users yet")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_platform_administrator_adds_a_reseller_and_sees_every_client()
    {
        var page = await portal.SignInAsync(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Resellers" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Telco {portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add reseller" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added with ID");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync($"Telco {portal.Tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync($"Portal client {portal.Tag}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).CountAsync());
    }

    [Fact]
    public async Task A_pbx_user_turns_do_not_disturb_on()
    {
        var page = await portal.SignInAsync(portal.PbxUser);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My settings" })).ToBeVisibleAsync();
        var dnd = page.GetByLabel("Do not disturb");
        var before = await dnd.IsCheckedAsync();
        await dnd.SetCheckedAsync(!before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        await page.ReloadAsync();
        Assert.Equal(!before, await page.GetByLabel("Do not disturb").IsCheckedAsync());
        await PortalFixture.Shot(page, "self-service");
    }

    [Fact]
    public async Task Signing_out_says_so_and_ends_the_session()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/users");
        Assert.StartsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_named_like_a_script_is_shown_as_text()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin);
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await page.GotoAsync("/users?Q=Inert");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "<script>alert(1)</script> Inert", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByText($"<script>alert(1)</script> Inert <script-{portal.Tag}@portal.test>", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task The_audit_log_shows_who_changed_a_user_from_where_and_what_changed()
    {
        var page = await portal.SignInAsync(portal.ClientAdmin, viewport: ImportFlowTests.Laptop);
        await page.GotoAsync("/users/edit");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Audited");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Person");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"audited-{portal.Tag}@portal.test");
        await page.GetByLabel("Extension", new() { Exact = true }).FillAsync("393");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was created");
        await page.GotoAsync("/users?Q=audited-" + portal.Tag);
        await page.Locator("table tbody tr td a").First.ClickAsync();
        var id = page.Url.Split('/').Last();
        await page.GetByLabel("Extension", new() { Exact = true }).FillAsync("394");
        await page.GetByLabel("Voicemail PIN (empty: unchanged)").FillAsync("583920");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved");

        // Found by the user's email (or name), actions in words, the source named.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("User (name or email)").FillAsync($"AUDITED-{portal.Tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Changed user");
        await Assertions.Expect(rows.First).ToContainTextAsync("Extension: 393 → 394");
        await Assertions.Expect(rows.First).ToContainTextAsync("Voicemail Pin: changed");
        await Assertions.Expect(rows.First).ToContainTextAsync("Web page");
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Link, new() { Name = $"User {id}" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Created user");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync($"Audited Person <audited-{portal.Tag}@portal.test>, extension 393");
        Assert.DoesNotContain("583920", await page.ContentAsync(), StringComparison.Ordinal);
        await PortalFixture.Shot(page, "audit-log-1366");

        // By action and by source, with the keyboard: the filters are plain form controls.
        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Created user" });
        await page.GetByLabel("Made from").FocusAsync();
        await page.GetByLabel("Made from").SelectOptionAsync(new SelectOptionValue { Label = "Web pages" });
        await page.Keyboard.PressAsync("Tab");
        await ImportFlowTests.TabTo(page, "Filter");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Created user");
        await page.GetByLabel("Made from").SelectOptionAsync(new SelectOptionValue { Label = "API" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No entries match these filters.")).ToBeVisibleAsync();

        var phone = await portal.SignInAsync(portal.ClientAdmin, viewport: ImportFlowTests.Phone);
        await phone.GotoAsync($"/audit?User=audited-{portal.Tag}");
        await Assertions.Expect(phone.Locator("table tbody tr")).ToHaveCountAsync(2);
        await PortalFixture.Shot(phone, "audit-log-390");
        await phone.Context.CloseAsync();
    }
}
