using System.Text;

namespace Switchboard.Core.Csv;

/// <summary>
/// Which encoding a spreadsheet saved the file in: UTF-8 with or without BOM, UTF-16 with BOM, or
/// Windows-1252 when the bytes are not valid UTF-8. Workbooks and binary files are refused here.
/// </summary>
internal static class FileEncoding
{
    static FileEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (Encoding Encoding, int BomLength) Detect(byte[] b, List<string> warnings)
    {
        var bom = b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return Utf16(b, bigEndian: false, warnings);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return Utf16(b, bigEndian: true, warnings);
        RefuseBinary(b);
        if (System.Text.Unicode.Utf8.IsValid(b.AsSpan(bom))) return (new UTF8Encoding(false, false), bom);
        warnings.Add("The file is not valid UTF-8, so it was read as Windows-1252 (what Excel's plain \"CSV\" format writes). " +
                     "If accented letters look wrong, save the file as \"CSV UTF-8\" and import it again.");
        return (Encoding.GetEncoding(1252), bom);
    }

    /// <summary>
    /// UTF-16 is read as it is; what cannot be a character (half of a surrogate pair, an odd last
    /// byte) becomes U+FFFD, and a warning says so rather than letting it pass unnoticed.
    /// </summary>
    private static (Encoding, int) Utf16(byte[] b, bool bigEndian, List<string> warnings)
    {
        var invalid = InvalidUtf16(b.AsSpan(2), bigEndian);
        if (invalid > 0)
            warnings.Add($"The file is not valid UTF-16: {invalid:N0} character(s) could not be read and were replaced by \"\uFFFD\". " +
                         "Look for \"\uFFFD\" in the report and in your file, retype those characters, and save the file again.");
        return (new UnicodeEncoding(bigEndian, false, false), 2);
    }

    private static int InvalidUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var invalid = bytes.Length % 2;
        var units = bytes.Length / 2;
        for (var i = 0; i < units; i++)
        {
            var u = bigEndian ? (bytes[2 * i] << 8) | bytes[2 * i + 1] : bytes[2 * i] | (bytes[2 * i + 1] << 8);
            if (u is < 0xD800 or > 0xDFFF) continue;
            var next = i + 1 < units ? (bigEndian ? (bytes[2 * i + 2] << 8) | bytes[2 * i + 3] : bytes[2 * i + 2] | (bytes[2 * i + 3] << 8)) : -1;
            if (u <= 0xDBFF && next is >= 0xDC00 and <= 0xDFFF) i++; // a whole pair
            else invalid++;
        }
        return invalid;
    }

    private static void RefuseBinary(byte[] b)
    {
        if (b.Length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4)
            throw new CsvFileException("This is an Excel workbook (.xlsx) or a zip archive, not a CSV file. In your spreadsheet choose File > Save As > CSV and import that file.");
        if (b.Length >= 8 && b[0] == 0xD0 && b[1] == 0xCF && b[2] == 0x11 && b[3] == 0xE0)
            throw new CsvFileException("This is an old Excel workbook (.xls), not a CSV file. In your spreadsheet choose File > Save As > CSV and import that file.");
        var probe = b.AsSpan(0, Math.Min(b.Length, 64 * 1024));
        if (probe.Contains((byte)0))
            throw new CsvFileException("The file is not a text CSV file (it contains binary data). Export users.csv from your spreadsheet with File > Save As > CSV.");
    }
}
