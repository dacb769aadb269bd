namespace Switchboard.Core.Users;

/// <summary>
/// One user as given by a CSV row, the web form or the API: a cell per column, null where the
/// column is absent (absent = unchanged on update). Cells are already trimmed and un-guarded.
/// </summary>
public sealed class UserInput(int line, string?[] cells)
{
    public int Line { get; } = line;
    public string?[] Cells { get; } = cells;

    /// <summary>Cells beyond the header that hold data: the row is malformed.</summary>
    public int ExtraCells { get; init; }

    /// <summary>The row's raw cells by file column, kept only when the file has columns users.csv does not know.</summary>
    public string[]? Unmapped { get; init; }

    public string? this[UserColumn c] => Cells[(int)c];

    public bool Has(UserColumn c) => Cells[(int)c] is not null;

    public static UserInput Empty(int line) => new(line, new string?[UserColumns.Count]);

    public string IdentifyingName => $"{this[UserColumn.FirstName]} {this[UserColumn.LastName]}".Trim();
}
