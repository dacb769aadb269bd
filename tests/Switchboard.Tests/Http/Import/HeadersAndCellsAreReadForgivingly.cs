using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Forgiving header matching, stray columns, short and long rows, and files as real spreadsheets save them.</summary>
public sealed class HeadersAndCellsAreReadForgivingly(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Header_spelling_case_separators_and_plurals_do_not_matter_and_columns_may_come_in_any_order()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var email = $"forgiving-{w.Tag}@example.test";
        var mac = World.RandomMac();
        var csv =
            "callwaiting_on,MAC ADDRESSES,e-mail,EXTENSIONS,first-name,LAST_NAME,Provisioning Template Ids,phone model id,Voicemail PINs,WEB PASSWORD,dnd on,Departments\r\n" +
            $"no,{mac},{email},6401,Ann,Lee,{w.TplYea},{w.PmYea},480317,Forgiving-Pass-12,Yes,Ops\r\n";
        (await a1.Import(csv)).AssertCounts(created: 1, failed: 0);
        var row = (await a1.Export("?includeSecrets=true")).Rows.ByEmail()[email];
        Assert.Equal(("Ann", "Lee", "6401", "Ops", mac), (row["First Name"], row["Last Name"], row["Extension"], row["Department"], row["Mac Address"]));
        Assert.Equal(("Yes", "No", "'480317"), (row["DND On"], row["Callwaiting on"], row["Voicemail Pin"]));
        await app.SignInAsync(email, "Forgiving-Pass-12");
    }

    [Fact]
    public async Task A_blank_header_column_is_ignored_with_a_warning_only_when_it_holds_data()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        string[] headers = [.. Csv.Headers, "", " "];
        var quiet = await a1.ImportRows([w.Soft()], headers);
        quiet.AssertCounts(created: 1, failed: 0);
        Assert.Empty(quiet.Warnings);

        var noisy = await a1.ImportRows([w.Soft((" ", "left over"))], headers);
        noisy.AssertCounts(created: 1, failed: 0);
        Assert.Single(noisy.Warnings);
    }

    [Fact]
    public async Task A_row_with_more_cells_than_the_header_fails_and_a_short_row_reads_the_missing_cells_as_empty()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var a = w.Soft();
        var b = w.Soft();
        var csv = "First Name,Last Name,Email,Extension,Department\r\n" +
                  $"{a["First Name"]},{a["Last Name"]},{a["Email"]},{a["Extension"]},Sales,EMEA\r\n" +
                  $"{b["First Name"]},{b["Last Name"]},{b["Email"]},{b["Extension"]}\r\n";
        var r = await a1.Import(csv);
        r.AssertCounts(created: 1, failed: 1);
        Assert.Equal([2], r.FailedRows);
        Assert.Contains("quotes", r.Said(2), StringComparison.Ordinal);
        Assert.Equal("", (await a1.Export()).Rows.ByEmail()[b["Email"]]["Department"]);
    }

    public static TheoryData<string> Encodings => new() { "utf-16le", "utf-16be", "utf-8 no bom, tab, CR", "cp1252, semicolon, LF" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Files_saved_by_spreadsheets_in_other_encodings_delimiters_and_line_ends_import_the_same(string kind)
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var person = w.Soft(("First Name", "Zoë"), ("Last Name", "Crème-Brûlée"), ("Department", "Sales; \"EMEA\", Nord"));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = kind switch
        {
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv.Write([person]))],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Csv.Write([person], delimiter: ';'))],
            "utf-8 no bom, tab, CR" => Encoding.UTF8.GetBytes(Csv.Write([person], delimiter: '\t', newline: "\r")),
            "cp1252, semicolon, LF" => Encoding.GetEncoding(1252).GetBytes(Csv.Write([person], delimiter: ';', newline: "\n")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        (await a1.Import(bytes)).AssertCounts(created: 1, failed: 0);
        var row = (await a1.Export()).Rows.ByEmail()[person["Email"]];
        Assert.Equal(("Zoë", "Crème-Brûlée", "Sales; \"EMEA\", Nord"), (row["First Name"], row["Last Name"], row["Department"]));
    }

    [Fact]
    public async Task A_huge_cell_is_reported_but_echoed_cut_to_a_readable_length()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var huge = new string('x', 200_000);
        var r = await a1.ImportRows([w.Soft(("Department", huge)), w.Soft(("Email", huge + "@example.test"))]);
        r.AssertCounts(created: 0, failed: 2);
        Assert.All(r.Causes(2).Concat(r.Causes(3)), c => Assert.True(c.Value.Length < 200, $"{c.Column} echoed {c.Value.Length} characters"));
        Assert.True((await a1.RawReport(r.Id)).Length < 5_000, "the report echoes the huge cell");
    }
}
