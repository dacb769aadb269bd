using System.Text;
using nietras.SeparatedValues;

namespace Switchboard.Core.Csv;

/// <summary>
/// The row limit, checked before any row is kept: a few megabytes of one-character lines would
/// otherwise become a million inputs (hundreds of MB) before the limit refused them.
/// </summary>
internal static class RowCount
{
    public static string TooMany(CsvLimits limits) =>
        $"The file has more than {limits.MaxRows:N0} data rows, the most one import takes. Split it into smaller files.";

    public static void RefuseOverLimit(byte[] bytes, int bomLength, Encoding encoding, char delimiter, bool hintLine, CsvLimits limits)
    {
        // Every row but the last ends in CR or LF: with no more of those bytes than the limit allows
        // (header and "sep=" line included), counting is not needed. Normal files stop here.
        var body = bytes.AsSpan(bomLength);
        if ((long)body.Count((byte)'\n') + body.Count((byte)'\r') <= limits.MaxRows + 1L) return;

        using var reader = new StreamReader(new MemoryStream(bytes, bomLength, bytes.Length - bomLength), encoding,
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (hintLine) reader.ReadLine();
        using var sep = Sep.Reader(o => o with { Sep = new Sep(delimiter), HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(reader);
        var rows = -1; // the header
        try
        {
            while (sep.MoveNext())
            {
                if (rows >= 0 && SpreadsheetFileReader.IsBlank(sep.Current)) continue;
                if (++rows > limits.MaxRows) throw new CsvFileException(TooMany(limits));
            }
        }
        catch (NotSupportedException)
        {
            // A row too long for the parser: the reading pass refuses it with its own message.
        }
    }
}
