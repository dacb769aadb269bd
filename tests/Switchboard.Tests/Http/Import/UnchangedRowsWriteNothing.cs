using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 4: a row that would change nothing is unchanged and writes nothing; export → import is all unchanged.</summary>
public sealed class UnchangedRowsWriteNothing(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static async Task<World> Populated(SwitchboardApp app)
    {
        var w = await World.CreateAsync(app);
        await w.As["A1"].CreateUsers(
            w.Soft(("Department", "Sales, EMEA"), ("First Name", "Zoë \"Z\""), ("Language", "fr"), ("Forward Number", "+1 (415) 555-0100"),
                   ("DND On", "yes"), ("Callwaiting on", "no")),
            w.Desk(World.RandomMac(), ("User Profile ID", Kit.I(w.ProfA1)), ("Followme Number", "0044 20 7946 0000"), ("Voicemail Pin", "4826")),
            w.Soft(("Last Name", "O'Brien-Łukasz 山田"), ("Department", "0123")));
        return w;
    }

    [Theory]
    [InlineData("")]
    [InlineData("?includeSecrets=true")]
    public async Task Export_then_import_untouched_is_all_unchanged_and_the_next_export_is_byte_identical(string query)
    {
        var w = await Populated(app);
        var a1 = w.As["A1"];
        var (first, rows) = await a1.Export(query);
        (await a1.Import(first)).AssertCounts(created: 0, updated: 0, unchanged: rows.Count, failed: 0);
        var (second, _) = await a1.Export(query);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public async Task An_export_saved_again_by_a_spreadsheet_with_semicolons_LF_and_no_BOM_is_still_all_unchanged()
    {
        var w = await Populated(app);
        var a1 = w.As["A1"];
        var (_, rows) = await a1.Export("?includeSecrets=true");
        // A spreadsheet keeps the guarding apostrophes as literal text and saves them back.
        var resaved = Csv.Write(rows, delimiter: ';', newline: "\n");
        (await a1.Import(resaved)).AssertCounts(created: 0, updated: 0, unchanged: rows.Count, failed: 0);
    }

    [Fact]
    public async Task Values_written_differently_but_meaning_the_same_are_unchanged_and_one_real_change_is_one_update()
    {
        var w = await Populated(app);
        var a1 = w.As["A1"];
        var (before, rows) = await a1.Export();
        var desk = rows.Single(r => r["Mac Address"] != "");
        var french = rows.Single(r => r["Language"] == "fr");
        desk["Mac Address"] = desk["Mac Address"].Replace(":", "-").ToLowerInvariant();
        desk["Followme Number"] = "0044 (20) 7946-0000";
        desk["Callwaiting on"] = "oui";
        desk["Email"] = "  " + desk["Email"] + "  ";
        french["Language"] = "French";
        french["DND On"] = "TRUE";
        french["Callwaiting on"] = "nein";
        french["Forward Number"] = "+1.415.555.0100";
        (await a1.ImportRows(rows)).AssertCounts(created: 0, updated: 0, unchanged: rows.Count, failed: 0);
        Assert.Equal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString((await a1.Export()).Bytes));

        french["Department"] = "Sales, APAC";
        (await a1.ImportRows(rows)).AssertCounts(created: 0, updated: 1, unchanged: rows.Count - 1, failed: 0);
        Assert.Equal("Sales, APAC", (await a1.GetUser(int.Parse(french["ID"], System.Globalization.CultureInfo.InvariantCulture))).Str("department"));
    }

    [Fact]
    public async Task A_web_password_cell_is_always_an_update_and_the_new_password_signs_in()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var person = w.Person(("Web Passwords", "First-Password-11"));
        await a1.CreateUsers(person, w.Soft());
        var (_, rows) = await a1.Export();
        var row = rows.ByEmail()[person["Email"]];
        row["Web Passwords"] = "First-Password-11"; // the same as stored: never compared with the hash
        (await a1.ImportRows(rows)).AssertCounts(created: 0, updated: 1, unchanged: 1, failed: 0);
        row["Web Passwords"] = "Second-Password-22";
        (await a1.ImportRows(rows)).AssertCounts(created: 0, updated: 1, unchanged: 1, failed: 0);
        await app.SignInAsync(person["Email"], "Second-Password-22");
        var old = await app.CreateClient().PostAsync("/api/v1/auth/token",
            System.Net.Http.Json.JsonContent.Create(new { email = person["Email"], password = "First-Password-11" }));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, old.StatusCode);
    }
}
