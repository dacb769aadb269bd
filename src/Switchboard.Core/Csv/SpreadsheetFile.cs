namespace Switchboard.Core.Csv;

/// <summary>A data row as a spreadsheet shows it: <see cref="Line"/> counts the header as row 1.</summary>
public sealed record CsvRow(int Line, string[] Cells, int ExtraCells);

public sealed class SpreadsheetFile
{
    public required string[] Header { get; init; }
    public required char Delimiter { get; init; }
    public required List<CsvRow> Rows { get; init; }
    public required List<string> Warnings { get; init; }

    /// <summary>Columns (0-based) whose header cell is empty but that hold a value in some row; those values are ignored.</summary>
    public SortedSet<int> BlankColumnsWithData { get; init; } = [];
}
