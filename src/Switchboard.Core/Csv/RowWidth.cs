using System.Buffers;
using System.Text;

namespace Switchboard.Core.Csv;

/// <summary>
/// The widest row, checked before the parser sees the file. The parser keeps a few dozen bytes per
/// cell of a row: a 10 MB line of commas (ten million empty cells) cost about 450 MB before any
/// limit could refuse it. No spreadsheet has more than 16,384 columns, so no row it writes has more cells.
/// </summary>
internal static class RowWidth
{
    public const int MaxCells = 16_384;

    public static void RefuseTooWide(byte[] bytes, int bomLength, Encoding encoding, char delimiter, bool hintLine)
    {
        // Fewer delimiter bytes in the whole file than one row may hold cells: nothing to count.
        if (bytes.AsSpan(bomLength).Count((byte)delimiter) < MaxCells) return;
        using var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (hintLine) reader.ReadLine();
        var stops = SearchValues.Create([delimiter, '"', '\r', '\n']);
        var buffer = new char[1 << 16];
        var (quoted, cells, row, crEnded) = (false, 1, 1, false);
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            // A CRLF split over two reads ends one row, not two.
            if (crEnded && span[0] == '\n') span = span[1..];
            crEnded = false;
            for (var i = span.IndexOfAny(stops); i >= 0; i = span.IndexOfAny(stops))
            {
                var c = span[i];
                span = span[(i + 1)..];
                if (c == '"') quoted = !quoted;
                else if (quoted) continue;
                else if (c == delimiter)
                {
                    if (++cells > MaxCells)
                        throw new CsvFileException($"Row {row} has more than {MaxCells:N0} cells, the most a spreadsheet has, so the file is not a users.csv. " +
                                                   "Check that it is the file you meant to import, and delete the empty columns at the end of its rows.");
                }
                else
                {
                    if (c == '\r')
                    {
                        if (span.IsEmpty) crEnded = true;
                        else if (span[0] == '\n') span = span[1..];
                    }
                    (cells, row) = (1, row + 1);
                }
            }
        }
    }
}
