using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Export: UTF-8 BOM, CRLF, exact headers, users by ID; a leading apostrophe before anything a spreadsheet would run or alter.</summary>
public sealed class ExportIsSpreadsheetSafe(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Export_is_utf8_with_bom_crlf_the_exact_header_and_users_ordered_by_id()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var mac = World.RandomMac();
        await a1.CreateUsers(w.Soft(), w.Desk(mac, ("DND On", "ja")), w.Soft());
        var response = await a1.GetAsync("/api/v1/users/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("users.csv", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var withoutCrlf = text.Replace("\r\n", "", StringComparison.Ordinal);
        Assert.DoesNotContain('\n', withoutCrlf);
        Assert.DoesNotContain('\r', withoutCrlf);
        // The first header cell is quoted so that Gnumeric guesses the comma as the separator (decisions.md).
        Assert.Equal(string.Join(",", Csv.Headers), text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);

        var rows = Csv.Parse(text);
        var ids = rows.Select(r => int.Parse(r["ID"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        var desk = rows.Single(r => r["Mac Address"] != "");
        Assert.Equal(mac, desk["Mac Address"]); // colons, no apostrophe
        Assert.Equal(("Yes", "Yes"), (desk["DND On"], desk["Callwaiting on"]));
        Assert.All(rows.Where(r => r != desk), r => Assert.Equal(("No", "Yes"), (r["DND On"], r["Callwaiting on"])));
    }

    [Fact]
    public async Task Values_a_spreadsheet_would_run_or_alter_are_exported_with_an_apostrophe_and_reimport_unchanged()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var cases = new (string Header, string Value, string Json)[]
        {
            ("First Name", "=1+1", "firstName"),
            ("Last Name", "+44 Smith", "lastName"),
            ("Department", "0123", "department"),
            ("Department", "March 3", "department"),
            ("Department", "3/4", "department"),
            ("Department", "12:30", "department"),
            ("Department", "-5", "department"),
            ("Department", "@SUM(A1)", "department"),
            ("Department", "123456789012", "department"),
            ("Department", "1.5E+3", "department"),
            ("Department", "TRUE", "department"),
            ("First Name", "0042", "firstName"),
        };
        var rows = cases.Select(c => w.Soft((c.Header, c.Value))).ToArray();
        var dial = w.Soft(("Forward Number", "+442079460000"), ("Followme Number", "058213"));
        var ids = await a1.CreateUsers([.. rows, dial]);

        var (bytes, exported) = await a1.Export();
        var byEmail = exported.ByEmail();
        for (var i = 0; i < cases.Length; i++)
            Assert.Equal("'" + cases[i].Value, byEmail[rows[i]["Email"]][cases[i].Header]);
        Assert.Equal("'+442079460000", byEmail[dial["Email"]]["Forward Number"]);
        Assert.Equal("'058213", byEmail[dial["Email"]]["Followme Number"]);

        (await a1.Import(bytes)).AssertCounts(created: 0, updated: 0, unchanged: exported.Count, failed: 0);
        for (var i = 0; i < cases.Length; i++)
            Assert.Equal(cases[i].Value, (await a1.GetUser(ids[i])).Str(cases[i].Json));
        Assert.Equal("+442079460000", (await a1.GetUser(ids[^1])).Str("forwardNumber"));
    }

    [Fact]
    public async Task Plain_text_is_not_guarded_and_names_that_start_with_an_apostrophe_survive_the_round_trip()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var hooft = w.Soft(("Last Name", "'t Hooft"), ("Department", "Sales"));
        var ids = await a1.CreateUsers(hooft);
        Assert.Equal("'t Hooft", (await a1.GetUser(ids[0])).Str("lastName"));

        // A value starting with an apostrophe gets a second one, so a spreadsheet that drops the first as a text marker keeps the value's own.
        var (bytes, exported) = await a1.Export();
        var byEmail = exported.ByEmail();
        Assert.Equal("''t Hooft", byEmail[hooft["Email"]]["Last Name"]);
        Assert.Equal("Sales", byEmail[hooft["Email"]]["Department"]);
        (await a1.Import(bytes)).AssertCounts(created: 0, updated: 0, unchanged: 1, failed: 0);
        Assert.Equal("'t Hooft", (await a1.GetUser(ids[0])).Str("lastName"));

        // An apostrophe before a guarded value cannot survive both kinds of spreadsheet: refused, saying why.
        var refused = await a1.PostJson("/api/v1/users", new
        {
            firstName = "'=1", lastName = "Quote", email = $"quote-{w.Tag}@example.test", extension = "6543",
        }, System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("Gnumeric", refused.ToJsonString(), StringComparison.Ordinal);
    }
}
