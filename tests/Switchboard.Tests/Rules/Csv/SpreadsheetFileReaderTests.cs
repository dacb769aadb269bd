using System.Text;
using Switchboard.Core.Csv;

namespace Switchboard.Tests.Rules;

/// <summary>Reading spreadsheet files: encodings, delimiters, line ends, quoting, blank rows, row numbers, limits.</summary>
public sealed class SpreadsheetFileReaderTests
{
    static SpreadsheetFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Text = "ID,First Name,Department\r\n,Zoë,Façade Crème-Brûlée\r\n";

    private static SpreadsheetFile Read(byte[] bytes) => SpreadsheetFileReader.Read(bytes, new CsvLimits());

    private static SpreadsheetFile Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    private static byte[] WithBom(Encoding e, string text) => [.. e.GetPreamble(), .. e.GetBytes(text)];

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(Text) },
        { "UTF-8 with BOM", WithBom(new UTF8Encoding(true), Text) },
        { "UTF-16 LE with BOM", WithBom(new UnicodeEncoding(false, true), Text) },
        { "UTF-16 BE with BOM", WithBom(new UnicodeEncoding(true, true), Text) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Utf8_with_or_without_bom_and_utf16_with_bom_read_exactly_without_warning(string name, byte[] bytes)
    {
        var file = Read(bytes);
        Assert.True(file.Warnings.Count == 0, name + ": " + string.Join(" ", file.Warnings));
        Assert.Equal(["ID", "First Name", "Department"], file.Header);
        var row = Assert.Single(file.Rows);
        Assert.Equal(["", "Zoë", "Façade Crème-Brûlée"], row.Cells);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("ID;First Name;Department;DND On\r\n;Zoë;Comptabilité € “x”;Non\r\n");
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));
        var file = Read(bytes);
        var row = Assert.Single(file.Rows);
        Assert.Equal(["", "Zoë", "Comptabilité € “x”", "Non"], row.Cells);
        var warning = Assert.Single(file.Warnings);
        Assert.Contains("1252", warning);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void The_delimiter_is_detected_from_the_header_row(char d)
    {
        var file = Read($"ID{d}First Name{d}Last Name\r\n{d}Ann{d}Lee\r\n");
        Assert.Equal(d, file.Delimiter);
        Assert.Equal(["", "Ann", "Lee"], Assert.Single(file.Rows).Cells);
    }

    [Fact]
    public void Semicolon_files_keep_commas_inside_values()
    {
        var file = Read("ID;First Name;Department\r\n;Jean-Luc;Bridge, Deck 1, aft\r\n");
        Assert.Equal(';', file.Delimiter);
        Assert.Equal(["", "Jean-Luc", "Bridge, Deck 1, aft"], Assert.Single(file.Rows).Cells);
    }

    [Fact]
    public void Tab_files_keep_commas_and_semicolons_inside_values()
    {
        var file = Read("ID\tFirst Name\tDepartment\n\tAnn\tSales; EMEA, north\n");
        Assert.Equal('\t', file.Delimiter);
        Assert.Equal(["", "Ann", "Sales; EMEA, north"], Assert.Single(file.Rows).Cells);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Crlf_lf_and_cr_line_ends_all_read_the_same_rows(string eol)
    {
        var file = Read($"ID,First Name{eol},Ann{eol},Bob{eol}7,Cy{eol}");
        Assert.Equal(3, file.Rows.Count);
        Assert.Equal(["", "Ann"], file.Rows[0].Cells);
        Assert.Equal(["", "Bob"], file.Rows[1].Cells);
        Assert.Equal(["7", "Cy"], file.Rows[2].Cells);
        Assert.Equal([2, 3, 4], file.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Quoted_fields_keep_delimiters_quotes_and_newlines(string eol)
    {
        var file = Read($"ID,First Name,Department{eol},\"O\"\"Neil, Ann\",\"Line one{eol}line two\"{eol},Bob,Sales{eol}");
        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(["", "O\"Neil, Ann", $"Line one{eol}line two"], file.Rows[0].Cells);
        Assert.Equal(["", "Bob", "Sales"], file.Rows[1].Cells);
    }

    [Fact]
    public void Row_numbers_are_the_ones_a_spreadsheet_shows_header_is_row_1()
    {
        var file = Read("ID,First Name\r\n,Ann\r\n,,\r\n,Bob\r\n,\"multi\r\nline\"\r\n,Cy\r\n");
        Assert.Equal([2, 4, 5, 6], file.Rows.Select(r => r.Line));
        Assert.Equal(["Ann", "Bob", "multi\r\nline", "Cy"], file.Rows.Select(r => r.Cells[1]));
    }

    [Fact]
    public void Empty_lines_are_skipped_but_still_count_as_spreadsheet_rows()
    {
        var file = Read("ID,First Name\r\n\r\n,Ann\r\n\r\n\r\n,Bob\r\n");
        Assert.Equal([3, 6], file.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData(",,,,")]
    [InlineData(";;;;")]
    [InlineData(",  , ,,")]
    [InlineData("\"\",\"\",,")]
    public void Rows_that_are_entirely_empty_are_skipped_silently(string blank)
    {
        var d = blank.Contains(';') ? ';' : ',';
        var file = Read($"ID{d}First Name{d}Last Name{d}Email{d}Extension\r\n{blank}\r\n{d}Ann{d}Lee{d}a@b.io{d}201\r\n{blank}\r\n{blank}\r\n");
        var row = Assert.Single(file.Rows);
        Assert.Equal(3, row.Line);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_row_with_fewer_cells_reads_the_missing_ones_as_empty()
    {
        var row = Assert.Single(Read("ID,First Name,Last Name,Email\r\n,Ann\r\n").Rows);
        Assert.Equal(["", "Ann", "", ""], row.Cells);
        Assert.Equal(0, row.ExtraCells);
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_is_flagged()
    {
        var file = Read("ID,First Name,Department\r\n,Ann,Bridge, Deck 1\r\n,Bob,Sales\r\n");
        Assert.True(file.Rows[0].ExtraCells > 0);
        Assert.Equal(0, file.Rows[1].ExtraCells);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("ID,First Name\r\n,Ann\r\n,Bob\r\n");
        var limits = new CsvLimits { MaxFileBytes = bytes.Length - 1 };
        Assert.Throws<CsvFileException>(() => SpreadsheetFileReader.Read(bytes, limits));
        Assert.Equal(2, SpreadsheetFileReader.Read(bytes, limits with { MaxFileBytes = bytes.Length }).Rows.Count);
    }

    [Fact]
    public void A_file_over_the_row_limit_is_rejected_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("ID,First Name\r\n,Ann\r\n,Bob\r\n,Cy\r\n");
        var ex = Assert.Throws<CsvFileException>(() => SpreadsheetFileReader.Read(bytes, new CsvLimits { MaxRows = 2 }));
        Assert.Contains("2", ex.Message);
        Assert.Equal(3, SpreadsheetFileReader.Read(bytes, new CsvLimits { MaxRows = 3 }).Rows.Count);
    }

    [Fact]
    public void The_default_limits_are_256_MB_and_a_million_rows()
    {
        var limits = new CsvLimits();
        Assert.Equal(256L * 1024 * 1024, limits.MaxFileBytes);
        Assert.Equal(1_000_000, limits.MaxRows);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)',', (byte)',', 13, 10, (byte)'a', (byte)',', (byte)'b' })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0 })]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })]
    [InlineData(new byte[] { (byte)'I', (byte)'D', 0, 1, 2, 13, 10 })]
    public void A_file_that_is_not_a_csv_with_a_header_is_rejected_whole(byte[] bytes) =>
        Assert.Throws<CsvFileException>(() => Read(bytes));
}
