namespace Switchboard.Core.Users.Import;

/// <summary>
/// Counts the data rows of an upload while its bytes arrive, so a file over the row limit is
/// refused before the rest of it is read. It follows the reader's rules for where a row ends
/// (CR, LF or CRLF outside quotes; a quote toggles quoting, as in the reader's parity rule) and
/// which rows count (the first row is the header; rows with nothing but delimiters, spaces and
/// quotes are skipped), reading UTF-16 by code units and anything else by bytes (in UTF-8 and
/// Windows-1252 no other character contains the bytes it looks at). It treats , ; and tab alike,
/// so it may count fewer rows than the reader (a row of ";;" in a comma file is a row there), never
/// more; the reader stays the judge of every file the counter lets through.
/// </summary>
public sealed class UploadRowCounter(int maxRows)
{
    private enum Encoding { Unknown, Bytes, Utf16Le, Utf16Be }

    private Encoding _encoding;
    private readonly List<byte> _head = new(2);
    private int _odd = -1;
    private bool _inQuotes, _hasContent, _afterCr, _headerSeen;

    public int DataRows { get; private set; }

    public static string TooManyRows(Csv.CsvLimits limits) =>
        $"The file has more than {limits.MaxRows:N0} data rows, the most one import takes. Split it into smaller files.";

    public bool OverLimit => DataRows > maxRows;

    /// <summary>Feeds the next bytes; false once the file is over the limit.</summary>
    public bool Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (_encoding == Encoding.Unknown && i < bytes.Length)
        {
            _head.Add(bytes[i++]);
            if (_head.Count < 2) continue;
            _encoding = (_head[0], _head[1]) switch { (0xFF, 0xFE) => Encoding.Utf16Le, (0xFE, 0xFF) => Encoding.Utf16Be, _ => Encoding.Bytes };
            if (_encoding == Encoding.Bytes) foreach (var b in _head) Char(b);
        }
        if (_encoding == Encoding.Bytes)
        {
            for (; i < bytes.Length && !OverLimit; i++) Char(bytes[i]);
            return !OverLimit;
        }
        for (; i < bytes.Length && !OverLimit; i++)
        {
            if (_odd < 0) { _odd = bytes[i]; continue; }
            Char(_encoding == Encoding.Utf16Le ? _odd | bytes[i] << 8 : _odd << 8 | bytes[i]);
            _odd = -1;
        }
        return !OverLimit;
    }

    /// <summary>The end of the upload ends its last row.</summary>
    public bool Complete()
    {
        if (_encoding == Encoding.Unknown) foreach (var b in _head) Char(b);
        EndRow();
        return !OverLimit;
    }

    private void Char(int c)
    {
        var afterCr = _afterCr;
        _afterCr = false;
        if (_inQuotes)
        {
            if (c == '"') _inQuotes = false;
            else if (!IsSpace(c)) _hasContent = true;
            return;
        }
        switch (c)
        {
            case '"': _inQuotes = true; break;
            case '\r': EndRow(); _afterCr = true; break;
            case '\n': if (!afterCr) EndRow(); break;
            case ',' or ';' or '\t': break;
            default: if (!IsSpace(c)) _hasContent = true; break;
        }
    }

    private void EndRow()
    {
        if (!_headerSeen) _headerSeen = _hasContent;
        else if (_hasContent) DataRows++;
        _hasContent = false;
    }

    private static bool IsSpace(int c) => c is ' ' or 0xA0 or 0xFEFF;
}
