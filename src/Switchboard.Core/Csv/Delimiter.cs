using System.Text;

namespace Switchboard.Core.Csv;

/// <summary>The delimiter: Excel's "sep=" line when the file starts with one, else the one the header row uses most.</summary>
internal static class Delimiter
{
    /// <returns>The delimiter, and whether the first line is a "sep=" line (not a row).</returns>
    public static (char Delimiter, bool HintLine) Detect(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var head = encoding.GetString(bytes[..Math.Min(bytes.Length, 64 * 1024)]);
        return Hint(head) is { } hinted ? (hinted, true) : (FromHeader(head), false);
    }

    /// <summary>
    /// Excel writes, and reads, a first line "sep=;" naming the delimiter; it hides that line, so the
    /// header after it is row 1. Only the three delimiters users.csv is read with are taken.
    /// </summary>
    private static char? Hint(string head)
    {
        if (head.Length < 5 || !head.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = head.AsSpan(5).TrimStart(' ');
        var endOfLine = rest.IsEmpty || rest[0] is '\r' or '\n';
        return endOfLine && head[4] is ',' or ';' or '\t' ? head[4] : null;
    }

    /// <summary>Picks ',', ';' or tab: whichever occurs most in the header row outside quotes (comma on a tie).</summary>
    private static char FromHeader(string head)
    {
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
