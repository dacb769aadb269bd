using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 2: every row without an error is applied even when others fail; a row is applied whole or not at all.</summary>
public sealed class GoodRowsApplyWhenOthersFail(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Valid_rows_are_created_around_failing_ones_and_failing_rows_create_nothing()
    {
        var w = await World.CreateAsync(app);
        var rows = new[]
        {
            w.Soft(), w.Soft(("Extension", "12a")), w.Soft(), w.Soft(("Email", "not-an-email")), w.Soft(),
        };
        var r = await w.As["A1"].ImportRows(rows);
        r.AssertCounts(created: 3, updated: 0, unchanged: 0, failed: 2);
        Assert.Equal([3, 5], r.FailedRows);
        Assert.Equal(["Extension"], r.Columns(3));
        Assert.Equal(["Email"], r.Columns(5));

        var (_, exported) = await w.As["A1"].Export();
        Assert.Equal(new[] { rows[0], rows[2], rows[4] }.Select(x => x["Email"]).Order(), exported.Select(x => x["Email"]).Order());
    }

    [Fact]
    public async Task An_update_row_with_one_bad_cell_changes_none_of_its_other_cells()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var second = w.Soft(("Department", "Sales"));
        var ids = await a1.CreateUsers(w.Soft(("Department", "Sales")), second);
        var before = await a1.GetUser(ids[0], secrets: true);
        string[] headers = ["ID", "First Name", "Department", "Extension", "Forward Number"];
        var r = await a1.ImportRows([
            new Dictionary<string, string> { ["ID"] = Kit.I(ids[0]), ["First Name"] = "Renamed", ["Department"] = "Support", ["Extension"] = "9110", ["Forward Number"] = "+4420794600" },
            new Dictionary<string, string> { ["ID"] = Kit.I(ids[1]), ["First Name"] = "Renamed", ["Department"] = "Support", ["Extension"] = second["Extension"] },
        ], headers);
        r.AssertCounts(created: 0, updated: 1, unchanged: 0, failed: 1);
        Assert.Equal([2], r.FailedRows);
        Assert.Equal(["Extension"], r.Columns(2));
        Assert.Equal(before.ToJsonString(), (await a1.GetUser(ids[0], secrets: true)).ToJsonString());
        Assert.Equal("Renamed", (await a1.GetUser(ids[1])).Str("firstName"));
    }

    [Fact]
    public async Task Row_numbers_are_the_spreadsheet_ones_counting_the_header_blank_rows_and_multiline_cells()
    {
        var w = await World.CreateAsync(app);
        var good = w.Soft();
        var badExt = w.Soft(("Extension", "x"));
        var multiline = w.Soft(("Department", "Line one\nLine two"));
        var badEmail = w.Soft(("Email", "two@@example.test"));
        var csv = Csv.Write([good]) + new string(',', Csv.Headers.Length - 1) + "\r\n" + Csv.Write([badExt, multiline, badEmail]).Split("\r\n", 2)[1];
        // Spreadsheet rows: 1 header, 2 good, 3 blank (skipped), 4 bad extension, 5 a department with a line break (one row), 6 bad email.
        var r = await w.As["A1"].Import(csv);
        r.AssertCounts(created: 1, failed: 3);
        Assert.Equal((4, 4), (r.Json["rows"]!.GetValue<int>(), r.Json["processed"]!.GetValue<int>())); // data rows: the blank one is not counted
        Assert.Equal([4, 5, 6], r.FailedRows);
        Assert.Equal(["Extension"], r.Columns(4));
        Assert.Equal(["Department"], r.Columns(5));
        Assert.Contains("line break", r.Said(5), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Email"], r.Columns(6));
    }
}
