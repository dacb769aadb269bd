using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;

namespace Switchboard.Tests.Hostile;

/// <summary>
/// What the hostile files found in the reader: an unclosed quote, a row longer than the parser
/// holds, a header of 100,000 columns and wide headers over short rows are refused with one
/// message or read at a bounded cost, never with another exception.
/// </summary>
public sealed class ReaderBoundsWhatItHolds
{
    private const string Header = "ID,First Name,Last Name,Email,Extension\r\n";

    private static UsersCsvFile Parse(string text) => UsersCsvFile.Parse(Encoding.UTF8.GetBytes(text), new CsvLimits());

    private static string Refusal(string text) => Assert.Throws<CsvFileException>(() => Parse(text)).Message;

    [Theory]
    [InlineData(",Ann,Lee,a@example.com,201\r\n,\"Bob,Lee,b@example.com,202", 3)]
    [InlineData(",\"Ann,Lee,a@example.com,201\r\n,Bob,Lee,b@example.com,202\r\n", 2)]
    [InlineData(",Ann,Lee,a@example.com,201\r\n,5\" screen,Lee,b@example.com,202\r\n,Cy,Lee,c@example.com,203\r\n", 3)]
    public void A_quote_that_is_never_closed_refuses_the_file_naming_the_row_where_it_opens(string rows, int row)
    {
        var message = Refusal(Header + rows);
        Assert.Contains($"Row {row} ", message);
        Assert.Contains("never closed", message);
    }

    [Fact]
    public void A_quote_never_closed_in_the_header_names_row_1() =>
        Assert.Contains("Row 1 ", Refusal("\"ID,First Name\r\n,Ann\r\n"));

    [Fact]
    public void Quotes_inside_an_unquoted_value_that_pair_up_are_read_as_before()
    {
        var file = Parse(Header + ",Ann \"Boss\" Lee,Lee,a@example.com,201\r\n,Bob,Lee,b@example.com,202\r\n");
        Assert.Equal(2, file.Inputs.Count);
    }

    [Fact]
    public void A_row_longer_than_the_parser_holds_is_refused_with_one_message_not_another_exception()
    {
        // Beyond the parser's own limit (16 Mi characters), which threw NotSupportedException: an internal error.
        var text = Header + ",Ann,Lee,a@example.com," + new string('9', 17 * 1024 * 1024) + "\r\n";
        var message = Refusal(text);
        Assert.Contains("Row 2 is longer than 4 million characters", message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_row_over_the_row_length_limit_is_refused_and_one_at_it_is_read(int row)
    {
        static string Long(int length) => ",Ann,Lee,a@example.com,201," + new string('d', length - 29) + "\r\n";
        var before = string.Concat(Enumerable.Range(0, row).Select(i => $",Bo{i},Lee,b{i}@example.com,{300 + i},x\r\n"));
        Assert.Contains($"Row {row + 2} is longer than", Refusal(Header + before + Long(SpreadsheetFileReader.MaxRowChars + 10)));
        var file = Parse(Header + before + Long(SpreadsheetFileReader.MaxRowChars - 10) + Long(1000));
        Assert.Equal(row + 2, file.Inputs.Count);
    }

    [Fact]
    public void A_header_wider_than_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        static string Wide(int columns) => "ID,Email" + string.Concat(Enumerable.Range(2, columns - 2).Select(i => $",Note {i}")) + "\r\n7,a@example.com\r\n";
        Assert.Contains("Row 1 has more than 16,384 cells", Refusal(Wide(100_000)));
        var file = Parse(Wide(SpreadsheetFileReader.MaxColumns));
        Assert.Single(file.Inputs);
        Assert.Contains("1,025 columns", Refusal(Wide(SpreadsheetFileReader.MaxColumns + 1)));
    }

    [Fact]
    public void Empty_header_cells_at_the_end_do_not_count_and_values_under_them_are_a_warning_not_extra_cells()
    {
        var text = "ID,Department" + new string(',', 10_000) + "\r\n7,Sales" + new string(',', 5_000) + "stray\r\n8,Support\r\n";
        var file = Parse(text);
        Assert.Equal(2, file.File.Header.Length);
        Assert.All(file.Inputs, i => Assert.Equal(0, i.ExtraCells));
        var warning = Assert.Single(file.Warnings);
        Assert.Contains("no header", warning);
        Assert.Equal(["Sales", "Support"], file.Inputs.Select(i => i[UserColumn.Department]));
    }

    [Fact]
    public void Cells_beyond_the_whole_header_row_are_still_extra_cells()
    {
        var file = Parse("ID,Department,,\r\n7,Sales,,,,x\r\n");
        Assert.Equal(2, Assert.Single(file.Inputs).ExtraCells);
    }

    [Fact]
    public void Unknown_columns_are_named_up_to_a_limit_and_the_rest_counted_in_one_warning()
    {
        var file = Parse("ID,Department" + string.Concat(Enumerable.Range(0, 500).Select(i => $",Note {i}")) + "\r\n7,Sales\r\n");
        Assert.Equal(UsersCsvFile.MaxNamedUnknownColumns, file.Warnings.Count(w => w.Contains("is not a users.csv column")));
        Assert.Contains(file.Warnings, w => w.Contains($"{500 - UsersCsvFile.MaxNamedUnknownColumns} more columns"));
        Assert.Contains(file.Warnings, w => w.Contains($"only the first {UsersCsvFile.MaxCarriedColumns}"));
    }

    [Fact]
    public void A_wide_header_over_short_rows_carries_a_bounded_number_of_unknown_cells_per_row()
    {
        var header = "Notes,ID,Department" + string.Concat(Enumerable.Range(0, 900).Select(i => $",Note {i}"));
        var rows = string.Concat(Enumerable.Range(0, 2_000).Select(i => i % 2 == 0 ? $"note {i}\r\n" : $",{i},Sales\r\n"));
        var file = Parse(header + "\r\n" + rows);
        var carried = 2 + UsersCsvFile.MaxCarriedColumns;
        Assert.Equal(carried, file.File.Header.Length);
        Assert.Equal(carried, file.Map.Length);
        Assert.Equal(["Notes", "ID", "Department"], file.File.Header[..3]);
        Assert.All(file.Inputs, i => Assert.Equal(carried, i.Unmapped!.Length));
        Assert.Equal("note 0", file.Inputs[0].Unmapped![0]);
        // Rows without a value in an unknown column share one array of empty cells.
        Assert.Single(file.Inputs.Where(i => i.Unmapped![0].Length == 0).Select(i => i.Unmapped).Distinct());
    }

    /// <summary>Found by the fuzz run: such a file was read, and its failed-rows file then refused as binary.</summary>
    [Fact]
    public void A_nul_character_in_utf16_or_past_the_first_64_kb_refuses_the_file_as_binary()
    {
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Header + ",Ann\0,Lee,a@example.com,201\r\n")];
        var late = Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Range(0, 3000).Select(i => $",Ann,Lee,a{i}@example.com,{200 + i}\r\n")) + ",B\0b,Lee,b@example.com,202\r\n");
        Assert.True(late.Length > 64 * 1024);
        foreach (var bytes in new[] { utf16, late })
            Assert.Contains("binary", Assert.Throws<CsvFileException>(() => UsersCsvFile.Parse(bytes, new CsvLimits())).Message);
    }

    [Fact]
    public void A_row_of_more_cells_than_a_spreadsheet_has_is_refused_before_the_parser_holds_them()
    {
        var text = Header + ",Ann,Lee,a@example.com,201" + new string(',', 1_000_000) + "\r\n";
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("Row 2 has more than 16,384 cells", Refusal(text));
        // Parsed, the million cells cost the parser about 45 MB; counted, a buffer.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024, "the row was parsed before it was refused");
    }

    [Fact]
    public void Delimiters_inside_quotes_are_not_cells_and_rows_are_counted_as_a_spreadsheet_numbers_them()
    {
        var quoted = "\"" + new string(',', 20_000) + "\"";
        var file = Parse(Header + $",Ann,Lee,a@example.com,201,{quoted}\r\n,\"multi\r\nline\",Lee,b@example.com,202,x\r\n");
        Assert.Equal(2, file.Inputs.Count);
        var wide = Header + $",Ann,Lee,a@example.com,201,{quoted}\r\n,\"multi\r\nline\",Lee,b@example.com,202,x\r\n\r\n" + new string(',', 20_000) + "\r\n";
        Assert.Contains("Row 5 has more than", Refusal(wide));
    }

    [Theory]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    public void A_crlf_split_over_two_reads_ends_one_row(int at)
    {
        // The width check reads 64 Ki characters at a time; the CRLF before the wide row falls on the boundary.
        var first = Header + ",Ann,Lee,a@example.com,201,";
        var text = first + new string('x', at - first.Length - 1) + "\r\n" + new string(',', 20_000) + "\r\n";
        Assert.Contains("Row 3 has more than", Refusal(text));
    }
}
