using System.Buffers;
using System.Text;

namespace Switchboard.Core.Csv;

/// <summary>
/// The widest and the longest row, checked before the parser sees the file. The parser keeps a few
/// dozen bytes per cell of a row (a 10 MB line of commas, ten million empty cells, cost about 450 MB)
/// and holds a whole row in one buffer that doubles as it grows (a 15 MB row, about 100 MB).
/// No spreadsheet has more than 16,384 columns, and no users.csv row needs millions of characters.
/// </summary>
internal static class RowShape
{
    public const int MaxCells = 16_384;

    /// <summary>Four million characters: room for a few cells of 1 MB, far beyond any real row (a users.csv row is about 200).</summary>
    public const int MaxChars = 4 * 1024 * 1024;

    public static void Refuse(byte[] bytes, int bomLength, Encoding encoding, char delimiter, bool hintLine)
    {
        // A file shorter than the longest row, with fewer delimiters than the widest: nothing to look at.
        var body = bytes.AsSpan(bomLength);
        if (body.Length <= MaxChars && body.Count((byte)delimiter) < MaxCells) return;
        using var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (hintLine) reader.ReadLine();
        var stops = SearchValues.Create([delimiter, '"', '\r', '\n']);
        var buffer = new char[1 << 16];
        var (quoted, cells, row, crEnded) = (false, 1, 1, false);
        long rowStart = 0, readBefore = 0;
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            // A CRLF split over two reads ends one row, not two.
            if (crEnded && span[0] == '\n')
            {
                span = span[1..];
                rowStart++;
            }
            crEnded = false;
            for (var i = span.IndexOfAny(stops); i >= 0; i = span.IndexOfAny(stops))
            {
                var c = span[i];
                span = span[(i + 1)..];
                if (c == '"') quoted = !quoted;
                else if (quoted) continue;
                else if (c == delimiter)
                {
                    if (++cells > MaxCells) throw new CsvFileException(TooWide(row));
                }
                else
                {
                    if (c == '\r')
                    {
                        if (span.IsEmpty) crEnded = true;
                        else if (span[0] == '\n') span = span[1..];
                    }
                    var position = readBefore + read - span.Length;
                    if (position - rowStart > MaxChars) throw new CsvFileException(TooLong(row));
                    (cells, row, rowStart) = (1, row + 1, position);
                }
            }
            readBefore += read;
            if (readBefore - rowStart > MaxChars) throw new CsvFileException(TooLong(row));
        }
    }

    private static string TooWide(int row) =>
        $"Row {row} has more than {MaxCells:N0} cells, the most a spreadsheet has, so the file is not a users.csv. " +
        "Check that it is the file you meant to import, and delete the empty columns at the end of its rows.";

    public static string TooLong(int row) =>
        $"Row {row} is longer than {MaxChars / (1024 * 1024)} million characters, the most one row may hold. " +
        "This usually means a quote (\") that is never closed: close it, or remove it, and import again.";
}
