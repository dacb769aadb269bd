using System.IO.Compression;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Hostile;

/// <summary>
/// The hostile files: small ones committed under files/ (bytes exactly as they are, see
/// files/.gitattributes), big and binary ones made here at test time (no multi-MB file is committed).
/// </summary>
public static class HostileBytes
{
    public const string Header = "ID,First Name,Last Name,Email,Extension,Department";

    /// <summary>Secrets some files hold; they must never come back in a report, a page, failed-rows.csv or the log.</summary>
    public static readonly string[] Secrets = ["Pw-Hostile-Zq81-never-echo", "SipHostileQz7319never", "4071936", "SipHostile205secret"];

    public static byte[] Committed(string name) =>
        File.ReadAllBytes(Path.Combine(ServerProcess.RepoRoot, "tests", "Switchboard.Tests", "Hostile", "files", name));

    public static string Row(string stem, int n, string department = "Sales") => $",Ann{n},Lee{n},{stem}-{n}@hostile.test,{200 + n},{department}\r\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Utf8(StringBuilder text) => Encoding.UTF8.GetBytes(text.ToString());

    public static byte[] SingleLine(int megabytes) =>
        Utf8(Header + "\r\n,Ann,Lee,line@hostile.test,201," + new string('x', megabytes * 1024 * 1024) + "\r\n");

    /// <summary>A row just under (or just over) the row length limit, most of it in the Department, then a good row.</summary>
    public static byte[] RowAtTheLengthLimit(int offset) =>
        Utf8(Header + "\r\n,Ann,Lee,big-1@hostile.test,201," + new string('d', Core.Csv.SpreadsheetFileReader.MaxRowChars - 40 + offset) + "\r\n" + Row("big", 2));

    /// <summary>A 1 MB cell in First Name, Email, Department, Phone Secret, and an unknown Notes column (ignored: that row imports).</summary>
    public static byte[] MegabyteCells()
    {
        var mb = new string('m', 1024 * 1024);
        return Utf8("ID,First Name,Last Name,Email,Extension,Department,Phone Secret,Notes\r\n" +
                    $",{mb},Lee,mb-1@hostile.test,201,Sales,,\r\n" +
                    $",Bob,Lee,{mb}@hostile.test,202,Sales,,\r\n" +
                    $",Cy,Lee,mb-3@hostile.test,203,{mb},,\r\n" +
                    $",Dee,Lee,mb-4@hostile.test,204,Sales,Sip{mb}7,\r\n" +
                    $",Eve,Lee,mb-5@hostile.test,205,Sales,,{mb}\r\n");
    }

    public static byte[] HeaderColumns(int extra, bool named)
    {
        var sb = new StringBuilder(Header);
        for (var i = 0; i < extra; i++) sb.Append(named ? $",Col {i}" : ",");
        sb.Append("\r\n");
        var trailing = named ? "" : new string(',', extra);
        sb.Append(Row("wide", 1).TrimEnd() + trailing + "\r\n").Append(Row("wide", 2).TrimEnd() + trailing + "\r\n");
        return Utf8(sb);
    }

    /// <summary>A row with more cells than the header, all holding data, then a good row.</summary>
    public static byte[] RowWithExtraCells(int extra) =>
        Utf8(Header + "\r\n" + Row("cells", 1).TrimEnd() + string.Concat(Enumerable.Repeat(",x", extra)) + "\r\n" + Row("cells", 2));

    /// <summary>A good row, a million empty lines, a good row and a failing one (row 1,000,004: its extension starts with 0).</summary>
    public static byte[] MillionEmptyRows()
    {
        var sb = new StringBuilder(Header).Append("\r\n").Append(Row("empty", 1));
        sb.Insert(sb.Length, "\r\n", 1_000_000);
        sb.Append(Row("empty", 2)).Append(",Bad,Row,empty-3@hostile.test,0203,Sales\r\n");
        return Utf8(sb);
    }

    /// <summary>A million rows of delimiters only (Excel leaves these behind), then one user.</summary>
    public static byte[] MillionDelimiterRows()
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        sb.Insert(sb.Length, ",,,,,\r\n", 1_000_000);
        return Utf8(sb.Append(Row("commas", 1)));
    }

    /// <summary>A million and one one-character rows: over the row limit, in 3 MB.</summary>
    public static byte[] OverTheRowLimit()
    {
        var sb = new StringBuilder("ID\r\n");
        sb.Insert(sb.Length, "x\r\n", 1_000_001);
        return Utf8(sb);
    }

    /// <summary>1,000 rows that all claim one email: each fails and names the other 999 rows.</summary>
    public static byte[] OneEmailClaimedByManyRows(int rows) =>
        Utf8(Header + "\r\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $",Ann{i},Lee,same@hostile.test,{10_000 + i},Sales\r\n")));

    /// <summary>1,000 named unknown columns over 2,000 one-cell rows (a note, nothing else).</summary>
    public static byte[] WideHeaderShortRows()
    {
        var sb = new StringBuilder("Notes,ID,First Name,Last Name,Email,Extension");
        for (var i = 0; i < 994; i++) sb.Append($",Extra {i}");
        sb.Append("\r\n");
        sb.Insert(sb.Length, "a note\r\n", 2_000);
        return Utf8(sb);
    }

    /// <summary>A header cell of 1 MB: an unknown column, named in a warning cut to 40 characters.</summary>
    public static byte[] MegabyteHeaderCell() => Utf8(Header + "," + new string('h', 1024 * 1024) + "\r\n" + Row("hdr", 1));

    public static byte[] RandomBytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        b[0] = 0x42; // not a BOM by chance
        return b;
    }

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Utf8(content));
            }
        }
        return ms.ToArray();
    }

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>ID</t></is></c></row></sheetData></worksheet>"));

    public static byte[] Xls() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504], .. Utf8(Header)];

    public static byte[] Gzip(string content)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Utf8(content));
        return ms.ToArray();
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static byte[] Utf16WithoutBom() => Encoding.Unicode.GetBytes(Header + "\r\n" + Row("u16nobom", 1));

    public static byte[] Utf32WithBom() => [.. new UTF32Encoding(false, true).GetPreamble(), .. new UTF32Encoding(false, false).GetBytes(Header + "\r\n" + Row("u32", 1))];

    public static byte[] NulInARow() => Utf8(Header + "\r\n" + Row("nul", 1) + ",Bob\0,Lee,nul-2@hostile.test,202,Sales\r\n");

    /// <summary>70 KB of good rows, then a NUL: past the first 64 KB, which the quick binary probe reads.</summary>
    public static byte[] NulPastTheFirst64Kb()
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        for (var i = 1; sb.Length < 70 * 1024; i++) sb.Append(Row("late", i));
        return Utf8(sb.Append(",Zed\0,Lee,late-nul@hostile.test,9999,Sales\r\n"));
    }
}
