using System.Text;
using nietras.SeparatedValues;

namespace Switchboard.Core.Csv;

/// <summary>
/// Reads CSV files as real spreadsheets save them: UTF-8 with or without BOM, UTF-16 with BOM,
/// Windows-1252 as a fallback (with a warning), ',', ';' or tab detected from the header row (or
/// Excel's "sep=" line), CRLF/LF/CR line ends and quoted fields with embedded delimiters, quotes and
/// newlines. What no spreadsheet writes (binary, an unclosed quote, rows of millions of characters
/// or cells) is refused with one message before it can cost much memory.
/// </summary>
public static class SpreadsheetFileReader
{
    static SpreadsheetFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The widest header one import reads. users.csv has 19 columns; 1,024 leaves room for any
    /// columns of notes an administrator adds, and keeps the cost of every row bounded however short
    /// it is (each row is read as wide as the header).
    /// </summary>
    public const int MaxColumns = 1024;

    /// <summary>The longest row one import reads (the parser itself holds 16 Mi characters); see <see cref="RowShape"/>.</summary>
    public const int MaxRowChars = RowShape.MaxChars;

    /// <summary>
    /// Reads the whole file. With <paramref name="consumerForHeader"/>, it is called once with the
    /// header row and returns where each data row goes; rows are then not kept in the result (a
    /// large import keeps only what it maps them to), and each row's Cells array is reused for the
    /// next row (a wide header over many short rows would otherwise allocate its width per row):
    /// the consumer copies what it keeps.
    /// </summary>
    public static SpreadsheetFile Read(byte[] bytes, CsvLimits limits, Func<string[], Action<CsvRow>>? consumerForHeader = null)
    {
        if (bytes.LongLength > limits.MaxFileBytes)
            throw new CsvFileException(TooLarge(limits));
        var warnings = new List<string>();
        var (encoding, bomLength) = FileEncoding.Detect(bytes, warnings);
        using var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var (delimiter, hintLine) = Delimiter.Detect(bytes.AsSpan(bomLength), encoding);
        if (hintLine) reader.ReadLine(); // Excel's "sep=;" line: it sets the delimiter and is not a row
        RowShape.Refuse(bytes, bomLength, encoding, delimiter, hintLine);
        RowCount.RefuseOverLimit(bytes, bomLength, encoding, delimiter, hintLine, limits);

        using var sep = Sep.Reader(o => o with
        {
            Sep = new Sep(delimiter),
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            DisableFastFloat = true,
            CreateToString = PooledStrings(),
        }).From(reader);

        string[]? header = null;
        var fileWidth = 0; // the header's cells, with the empty ones at its end that header keeps out
        var blankInHeader = Array.Empty<int>();
        var blankWithData = new SortedSet<int>();
        var rows = new List<CsvRow>();
        Action<CsvRow> consume = rows.Add;
        string[]? reused = null;
        var reusedFilled = 0; // the reused array is empty from here on
        var count = 0;
        var lastLine = 0;
        while (NextRow(sep, lastLine))
        {
            var row = sep.Current;
            // Before any cell is read (unescaping rewrites the row in place): Sep ends a row only at a
            // line end outside quotes, so a row with an odd number of quotes ran to the end of the file.
            if (row.Span.Count('"') % 2 != 0)
                throw new CsvFileException(UnclosedQuote(row.RowIndex + 1));
            // The probe of the first bytes misses NUL further on, and in UTF-16; a text file has none.
            if (row.Span.Contains('\0'))
                throw new CsvFileException($"Row {row.RowIndex + 1} contains binary data (a NUL character), so the file is not a text CSV file. " +
                                           "Export users.csv from your spreadsheet with File > Save As > CSV.");
            lastLine = row.RowIndex + 1;
            if (header is null)
            {
                header = ReadHeader(row, out fileWidth);
                blankInHeader = Enumerable.Range(0, header.Length).Where(i => header[i].Length == 0).ToArray();
                if (consumerForHeader is not null)
                {
                    consume = consumerForHeader(header);
                    reused = new string[header.Length];
                    Array.Fill(reused, string.Empty);
                }
                continue;
            }
            if (IsBlank(row)) continue;
            if (count++ == limits.MaxRows) throw new CsvFileException(RowCount.TooMany(limits));
            var cells = reused ?? new string[header.Length];
            var n = Math.Min(row.ColCount, header.Length);
            for (var i = 0; i < n; i++) cells[i] = row[i].ToString();
            for (var i = n; i < (reused is null ? cells.Length : reusedFilled); i++) cells[i] = string.Empty;
            reusedFilled = n;
            foreach (var i in blankInHeader)
            {
                if (cells[i].Length > 0 && !cells[i].AsSpan().IsWhiteSpace()) blankWithData.Add(i);
            }
            // Cells under the empty header cells at the end: ignored like any column without a header.
            for (var i = header.Length; i < Math.Min(row.ColCount, fileWidth); i++)
            {
                if (!row[i].Span.IsWhiteSpace()) blankWithData.Add(i);
            }
            var extra = 0;
            for (var i = fileWidth; i < row.ColCount; i++)
            {
                if (!row[i].Span.IsWhiteSpace()) extra = row.ColCount - fileWidth;
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
            BlankColumnsWithData = blankWithData,
        };
    }

    /// <summary>The header's cells, trimmed, without the empty ones at its end (spreadsheets leave stray columns behind).</summary>
    private static string[] ReadHeader(SepReader.Row row, out int fileWidth)
    {
        fileWidth = row.ColCount;
        var width = row.ColCount;
        while (width > 0 && row[width - 1].Span.IsWhiteSpace()) width--;
        if (width == 0)
            throw new CsvFileException("The first row is empty. The first row must be the header row (ID, First Name, Last Name, Email, ...).");
        if (width > MaxColumns)
            throw new CsvFileException($"The first row has {width:N0} columns; users.csv has 19, and one import reads at most {MaxColumns:N0}. " +
                                       "Check that the first row is the header row, and delete the columns you do not need.");
        var header = new string[width];
        for (var i = 0; i < width; i++) header[i] = row[i].ToString().Trim();
        return header;
    }

    /// <summary>
    /// Repeated short values (Yes, No, a department) become one string per column, as Sep's
    /// PoolPerCol does; but a pool costs about 1.5 KB per column up front, 150 MB for a header of
    /// 100,000 empty cells. Columns beyond the first 64, which no users.csv needs, share none.
    /// </summary>
    private static SepCreateToString PooledStrings()
    {
        var perColumn = SepToString.PoolPerCol(maximumStringLength: 32);
        return (header, column) => column < 64 ? perColumn(header, column) : SepToString.Direct(header, column);
    }

    /// <summary>Moves to the next row; a row too long for the parser is refused like the unclosed quote it nearly always is.</summary>
    private static bool NextRow(SepReader sep, int lastLine)
    {
        try
        {
            return sep.MoveNext();
        }
        catch (NotSupportedException)
        {
            // RowShape refuses long rows before the parser sees them; this is the parser's own limit, kept as a backstop.
            throw new CsvFileException(RowShape.TooLong(lastLine + 1));
        }
    }

    private static string UnclosedQuote(int line) =>
        $"Row {line} opens a quote (\") that is never closed, so everything after it would be read as one value. " +
        "Close the quote, or remove it, and import again.";

    public static string TooLarge(CsvLimits limits) =>
        $"The file is larger than {Size(limits.MaxFileBytes)}, the most one import takes. Split it into smaller files.";

    /// <summary>A byte count as people read it: "1 MB", "256 MB", "4 KB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    internal static bool IsBlank(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (!row[i].Span.IsWhiteSpace()) return false;
        }
        return true;
    }
}
