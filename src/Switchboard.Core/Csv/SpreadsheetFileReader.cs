using System.Text;
using nietras.SeparatedValues;

namespace Switchboard.Core.Csv;

/// <summary>
/// Reads CSV files as real spreadsheets save them: UTF-8 with or without BOM, UTF-16 with BOM,
/// Windows-1252 as a fallback (with a warning), ',', ';' or tab detected from the header row,
/// CRLF/LF/CR line ends and quoted fields with embedded delimiters, quotes and newlines.
/// </summary>
public static class SpreadsheetFileReader
{
    static SpreadsheetFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Reads the whole file. With <paramref name="consumerForHeader"/>, it is called once with the
    /// header row and returns where each data row goes; rows are then not kept in the result (a
    /// large import keeps only what it maps them to).
    /// </summary>
    public static SpreadsheetFile Read(byte[] bytes, CsvLimits limits, Func<string[], Action<CsvRow>>? consumerForHeader = null)
    {
        if (bytes.LongLength > limits.MaxFileBytes)
            throw new CsvFileException(TooLarge(limits));
        var warnings = new List<string>();
        var (encoding, bomLength) = DetectEncoding(bytes, warnings);
        using var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var delimiter = DetectDelimiter(bytes.AsSpan(bomLength), encoding);

        using var sep = Sep.Reader(o => o with
        {
            Sep = new Sep(delimiter),
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            DisableFastFloat = true,
            CreateToString = SepToString.PoolPerCol(maximumStringLength: 32),
        }).From(reader);

        string[]? header = null;
        var rows = new List<CsvRow>();
        Action<CsvRow> consume = rows.Add;
        var count = 0;
        foreach (var row in sep)
        {
            if (header is null)
            {
                header = new string[row.ColCount];
                for (var i = 0; i < header.Length; i++) header[i] = row[i].ToString().Trim();
                if (header.All(h => h.Length == 0))
                    throw new CsvFileException("The first row is empty. The first row must be the header row (ID, First Name, Last Name, Email, ...).");
                if (consumerForHeader is not null) consume = consumerForHeader(header);
                continue;
            }
            if (IsBlank(row)) continue;
            if (count++ == limits.MaxRows)
                throw new CsvFileException($"The file has more than {limits.MaxRows:N0} data rows, the most one import takes. Split it into smaller files.");
            var cells = new string[header.Length];
            var n = Math.Min(row.ColCount, header.Length);
            for (var i = 0; i < n; i++) cells[i] = row[i].ToString();
            for (var i = n; i < cells.Length; i++) cells[i] = string.Empty;
            var extra = 0;
            for (var i = header.Length; i < row.ColCount; i++)
            {
                if (!row[i].Span.IsWhiteSpace()) extra = row.ColCount - header.Length;
            }
            consume(new CsvRow(row.RowIndex + 1, cells, extra));
        }
        if (header is null)
            throw new CsvFileException("The file is empty. Export users.csv first and use it as a starting point; the first row must be the header row.");

        return new SpreadsheetFile
        {
            Header = header,
            Delimiter = delimiter,
            Rows = rows,
            Warnings = warnings,
        };
    }

    public static string TooLarge(CsvLimits limits) =>
        $"The file is larger than {Size(limits.MaxFileBytes)}, the most one import takes. Split it into smaller files.";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    private static bool IsBlank(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (!row[i].Span.IsWhiteSpace()) return false;
        }
        return true;
    }

    private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] b, List<string> warnings)
    {
        var bom = b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (new UnicodeEncoding(false, false, false), 2);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (new UnicodeEncoding(true, false, false), 2);
        RefuseBinary(b);
        if (System.Text.Unicode.Utf8.IsValid(b.AsSpan(bom))) return (new UTF8Encoding(false, false), bom);
        warnings.Add("The file is not valid UTF-8, so it was read as Windows-1252 (what Excel's plain \"CSV\" format writes). " +
                     "If accented letters look wrong, save the file as \"CSV UTF-8\" and import it again.");
        return (Encoding.GetEncoding(1252), bom);
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

    /// <summary>Picks ',', ';' or tab: whichever occurs most in the header row outside quotes (comma on a tie).</summary>
    private static char DetectDelimiter(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var head = encoding.GetString(bytes[..Math.Min(bytes.Length, 64 * 1024)]);
        int comma = 0, semi = 0, tab = 0;
        var quoted = false;
        foreach (var c in head)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semi++;
            else if (!quoted && c == '\t') tab++;
        }
        if (semi > comma && semi >= tab) return ';';
        if (tab > comma && tab > semi) return '\t';
        return ',';
    }
}
