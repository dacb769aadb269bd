namespace Switchboard.Core.Csv;

/// <summary>
/// A row written with another delimiter than its header (";" values under a "," header) is read
/// as one cell holding the whole row — secrets included. Such a cell is never echoed or written
/// back whole: only what comes before its first delimiter.
/// </summary>
public static class OneCellRow
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    /// <summary>True when the cell holds at least two of one delimiter: a row, not a value.</summary>
    public static bool Looks(string? cell) =>
        cell is not null && Delimiters.Any(d => cell.Count(c => c == d) >= 2);

    /// <summary>The cell up to its first delimiter: the first value of the row it holds.</summary>
    public static string FirstValue(string cell) => (cell.IndexOfAny(Delimiters) is var i and >= 0 ? cell[..i] : cell).Trim();

    public const string Why =
        "This row was read as one cell: its values are separated by another character than the header row's. " +
        "Save the file again so that every row uses the header's delimiter.";
}
