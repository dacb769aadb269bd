using System.Buffers;
using System.Text;

namespace Switchboard.Core.Csv;

/// <summary>
/// How Switchboard writes CSV: UTF-8 with BOM, CRLF, comma, quoting only where needed.
/// "Where needed" includes ';' and tab, not only the comma: spreadsheets in most of Europe (and
/// LibreOffice's import dialog by default) also split on them. Sep quotes only for its own
/// separator, so the writing side is this small class; reading stays on Sep.
/// </summary>
public sealed class CsvText(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",;\t\"\r\n");
    private bool _first = true;

    public static StreamWriter Writer(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };

    /// <summary>
    /// A header row, written like any row: the contract's header is exact (quoting only where needed).
    /// </summary>
    public void HeaderRow(IEnumerable<string> headers)
    {
        foreach (var h in headers) Cell(h);
        EndRow();
    }

    public CsvText Cell(string? value)
    {
        if (!_first) writer.Write(',');
        _first = false;
        if (string.IsNullOrEmpty(value)) return this;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0 && value[0] != ' ' && value[^1] != ' ')
        {
            writer.Write(value);
            return this;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\""));
        writer.Write('"');
        return this;
    }

    public void EndRow()
    {
        writer.Write("\r\n");
        _first = true;
    }
}
