using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;

namespace Switchboard.Tests.Hostile;

/// <summary>
/// More the hostile files found: UTF-16 with broken surrogates is read with a warning instead of
/// silently; Excel's "sep=" line sets the delimiter instead of refusing the file; a file over the
/// row limit is refused before its rows are kept.
/// </summary>
public sealed class ReaderNamesWhatItCannotReadCleanly
{
    private static UsersCsvFile Parse(byte[] bytes, CsvLimits? limits = null) => UsersCsvFile.Parse(bytes, limits ?? new CsvLimits());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16_with_half_a_surrogate_pair_is_read_with_the_character_replaced_and_a_warning(bool bigEndian)
    {
        var e = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] Units(string s) => e.GetBytes(s);
        byte[] lone = bigEndian ? [0xD8, 0x00] : [0x00, 0xD8];
        byte[] bytes = [.. e.GetPreamble(), .. Units("ID,First Name,Department\r\n,Ann"), .. lone, .. Units(",Sales\r\n,Zoë 😀,Support\r\n")];
        var file = Parse(bytes);
        Assert.Equal(["Ann\uFFFD", "Zoë 😀"], file.Inputs.Select(i => i[UserColumn.FirstName]));
        var warning = Assert.Single(file.Warnings);
        Assert.Contains("not valid UTF-16: 1 character", warning);
    }

    [Fact]
    public void Valid_utf16_with_surrogate_pairs_reads_without_a_warning()
    {
        var file = Parse([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("ID,First Name\r\n,😀🎉\r\n")]);
        Assert.Empty(file.Warnings);
        Assert.Equal("😀🎉", Assert.Single(file.Inputs)[UserColumn.FirstName]);
    }

    [Theory]
    [InlineData("sep=;\r\nID;First Name;Department\r\n;Ann;Bridge, Deck 1\r\n", ';')]
    [InlineData("\uFEFFSEP=,\nID,First Name,Department\n,Ann,Bridge\n", ',')]
    [InlineData("sep=\t\rID\tFirst Name\tDepartment\r\tAnn\tBridge; Deck 1\r", '\t')]
    public void Excels_sep_line_sets_the_delimiter_and_the_header_after_it_is_row_1(string text, char delimiter)
    {
        var file = Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(delimiter, file.File.Delimiter);
        var input = Assert.Single(file.Inputs);
        Assert.Equal("Ann", input[UserColumn.FirstName]);
        Assert.Equal(2, input.Line);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_file_over_the_row_limit_is_refused_before_its_rows_are_kept()
    {
        var limits = new CsvLimits { MaxRows = 100_000 };
        var over = Encoding.UTF8.GetBytes("ID\r\n" + string.Concat(Enumerable.Repeat("x\r\n", limits.MaxRows + 1)));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("100,000 data rows", Assert.Throws<CsvFileException>(() => Parse(over, limits)).Message);
        // Kept, the rows would take tens of MB; counted, a few buffers.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 * 1024 * 1024, "the rows were kept before the limit refused them");
    }

    [Fact]
    public void Blank_rows_and_quoted_newlines_do_not_count_towards_the_row_limit()
    {
        var limits = new CsvLimits { MaxRows = 3 };
        var text = "ID,Department\r\n\r\n,,\r\n\"\",\"\"\r\n1,\"a\r\nb\r\nc\"\r\n2,x\r\n\r\n3,y\r\n\r\n\r\n";
        Assert.Equal(3, Parse(Encoding.UTF8.GetBytes(text), limits).Inputs.Count);
        Assert.Throws<CsvFileException>(() => Parse(Encoding.UTF8.GetBytes(text + "4,z\r\n"), limits));
    }
}
