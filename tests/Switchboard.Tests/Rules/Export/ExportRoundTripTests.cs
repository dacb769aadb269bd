using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Tests.Rules;

/// <summary>
/// Writing the file and Import semantics 4: a file written the way the export writes it (CsvText and the
/// guard by column kind, as UsersCsvExport does) imports back unchanged, also after a spreadsheet re-saved it.
/// </summary>
public sealed class ExportRoundTripTests
{
    static ExportRoundTripTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly PlanWorld w = new();

    private static readonly string[] Departments =
    [
        "=1+1", "058213", "3/4", "12:30", "March 3", "1.5", "-5", "@x", "TRUE", "'=1+1", "''058213",
        "'t Hooft", "Bridge, Deck 1", "The \"A\" team", "Sales; EMEA", "123456789012345", "+442079460000",
    ];

    private List<UserValues> Users()
    {
        var users = new List<UserValues>();
        for (var i = 0; i < Departments.Length; i++)
        {
            var u = w.AddUser(10 + i, (201 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            u.Department = Departments[i];
            users.Add(u);
        }
        users[0].LastName = "'t Hooft";
        users[1].FirstName = "Zoë";
        users[2].ForwardNumber = "+442079460000";
        users[3].FollowmeNumber = "00442079460018";
        users[4].Language = "pt-BR";
        users[5].DndOn = true;
        users[6].CallWaitingOn = false;
        users[7].UserProfileId = PlanWorld.Profile;
        var desk = w.AddDeskUser(99, "299", "00:15:65:12:34:AB");
        desk.Department = "0044";
        users.Add(desk);
        return users;
    }

    /// <summary>Cell by cell what UsersCsvExport writes (secrets not requested).</summary>
    private static byte[] Export(IEnumerable<UserValues> users)
    {
        using var ms = new MemoryStream();
        using (var text = CsvText.Writer(ms))
        {
            var csv = new CsvText(text);
            csv.HeaderRow(UserColumns.Headers);
            foreach (var u in users)
            {
                var cells = Row.Exported(0, u).Cells;
                for (var i = 0; i < UserColumns.Count; i++)
                    csv.Cell(SpreadsheetGuard.Protect(cells[i] ?? "", ((UserColumn)i).GuardKind()));
                csv.EndRow();
            }
            text.Flush();
        }
        return ms.ToArray();
    }

    /// <summary>What Excel in most of Europe saves ("CSV (separator: ;)"): Windows-1252, ';', quotes only where needed, apostrophes kept.</summary>
    private static byte[] ResaveAsEuropeanExcel(byte[] exported)
    {
        var file = SpreadsheetFileReader.Read(exported, new CsvLimits());
        var sb = new StringBuilder();
        foreach (var cells in new[] { file.Header }.Concat(file.Rows.Select(r => r.Cells)))
            sb.Append(string.Join(';', cells.Select(c => c.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c))).Append("\r\n");
        return Encoding.GetEncoding(1252).GetBytes(sb.ToString());
    }

    private List<RowPlan> Import(byte[] bytes) =>
        new Planner(w.Context, w.State).Plan(UsersCsvFile.Parse(bytes, new CsvLimits()).Inputs);

    [Fact]
    public void The_export_format_is_utf8_with_bom_crlf_comma_and_quotes_only_where_needed()
    {
        var bytes = Export(Users());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(',', UserColumns.Headers) + "\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.Contains(",\"Bridge, Deck 1\",", text);
        Assert.Contains(",'=1+1,", text);
        Assert.Contains(",''=1+1,", text);
        Assert.Contains(",''t Hooft,", text);
        Assert.Contains(",00:15:65:12:34:AB,", text);
        Assert.Contains(",'+442079460000,", text);
        Assert.DoesNotContain("\"Sales\"", text);
    }

    [Fact]
    public void Export_then_import_untouched_is_all_unchanged()
    {
        var users = Users();
        var plans = Import(Export(users));
        Assert.Equal(users.Count, plans.Count);
        Assert.All(plans, p => PlanAssert.Succeeds(p, RowOutcome.Unchanged));
    }

    [Fact]
    public void Export_then_spreadsheet_resave_then_import_is_all_unchanged()
    {
        var users = Users();
        var resaved = ResaveAsEuropeanExcel(Export(users));
        var parsed = UsersCsvFile.Parse(resaved, new CsvLimits());
        Assert.Equal(';', parsed.File.Delimiter);
        var plans = new Planner(w.Context, w.State).Plan(parsed.Inputs);
        Assert.Equal(users.Count, plans.Count);
        Assert.All(plans, p => PlanAssert.Succeeds(p, RowOutcome.Unchanged));
    }
}
