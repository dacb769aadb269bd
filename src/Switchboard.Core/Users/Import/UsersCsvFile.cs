using Switchboard.Core.Csv;

namespace Switchboard.Core.Users.Import;

/// <summary>A users.csv read into per-user inputs: header columns matched forgivingly, cells trimmed and un-guarded.</summary>
public sealed class UsersCsvFile
{
    /// <summary>
    /// Columns that are not users.csv columns (unknown or without a header) carried into the
    /// failed-rows file. A row with a value in any of them keeps a cell per carried column, so a header
    /// of a thousand stray columns over a million short rows would otherwise hold a thousand cells per row.
    /// </summary>
    public const int MaxCarriedColumns = 32;

    /// <summary>Unknown columns named one by one in the warnings; the rest are counted in one more warning.</summary>
    public const int MaxNamedUnknownColumns = 10;

    /// <summary>
    /// The file as read; its <see cref="SpreadsheetFile.Header"/> holds the columns the failed-rows
    /// file carries: every users.csv column and the first <see cref="MaxCarriedColumns"/> others, in file order.
    /// </summary>
    public required SpreadsheetFile File { get; init; }
    /// <summary>For each carried column, the users.csv column it maps to, or null (unknown or blank: ignored).</summary>
    public required UserColumn?[] Map { get; init; }
    public required List<UserInput> Inputs { get; init; }
    public required List<string> Warnings { get; init; }

    public static UsersCsvFile Parse(byte[] bytes, CsvLimits limits)
    {
        UserColumn?[] map = [];
        int[] carried = [];
        var warnings = new List<string>();
        var inputs = new List<UserInput>();
        var file = SpreadsheetFileReader.Read(bytes, limits, header =>
        {
            var fileMap = MapHeader(header, warnings);
            carried = Carried(fileMap, warnings);
            map = carried.Select(i => fileMap[i]).ToArray();
            var unmapped = Enumerable.Range(0, carried.Length).Where(k => map[k] is null).ToArray();
            var mapped = Enumerable.Range(0, fileMap.Length).Where(i => fileMap[i] is not null).ToArray();
            // Rows whose carried unknown cells are all empty (nearly all of them) share one array.
            var none = unmapped.Length == 0 ? null : Enumerable.Repeat(string.Empty, carried.Length).ToArray();
            return row =>
            {
                var cells = new string?[UserColumns.Count];
                foreach (var i in mapped)
                {
                    var col = fileMap[i]!.Value;
                    cells[(int)col] = SpreadsheetGuard.Unprotect(row.Cells[i].Trim(), col.GuardKind()).Trim();
                }
                // Unknown columns' cells are kept only for the failed-rows file, and only when the file has such columns.
                inputs.Add(new UserInput(row.Line, cells) { ExtraCells = row.ExtraCells, Unmapped = none is null ? null : CarriedCells(row, carried, unmapped, none) });
            };
        });
        warnings.InsertRange(0, file.Warnings);
        foreach (var i in file.BlankColumnsWithData)
            warnings.Add($"Column {ColumnLetter(i)} has no header but holds values; they were ignored. Give it a header or delete it.");
        var carriedFile = new SpreadsheetFile
        {
            Header = carried.Select(i => file.Header[i]).ToArray(),
            Delimiter = file.Delimiter,
            Rows = file.Rows,
            Warnings = file.Warnings,
            BlankColumnsWithData = file.BlankColumnsWithData,
        };
        return new UsersCsvFile { File = carriedFile, Map = map, Inputs = inputs, Warnings = warnings };
    }

    private static string[] CarriedCells(CsvRow row, int[] carried, int[] unmapped, string[] none)
    {
        var any = false;
        foreach (var k in unmapped) any |= row.Cells[carried[k]].Length > 0;
        if (!any) return none;
        var cells = new string[carried.Length];
        foreach (var k in unmapped) cells[k] = row.Cells[carried[k]];
        return cells;
    }

    /// <summary>The file columns the failed-rows file carries: all mapped ones, and the first <see cref="MaxCarriedColumns"/> others.</summary>
    private static int[] Carried(UserColumn?[] fileMap, List<string> warnings)
    {
        var carried = new List<int>();
        var others = 0;
        for (var i = 0; i < fileMap.Length; i++)
        {
            if (fileMap[i] is not null || others++ < MaxCarriedColumns) carried.Add(i);
        }
        if (others > MaxCarriedColumns)
            warnings.Add($"The file has {others:N0} columns that are not users.csv columns; the failed-rows file carries only the first {MaxCarriedColumns}.");
        return [.. carried];
    }

    private static UserColumn?[] MapHeader(string[] header, List<string> warnings)
    {
        var map = new UserColumn?[header.Length];
        var seen = new Dictionary<UserColumn, int>();
        var unknown = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i];
            if (h.Length == 0) continue;
            if (UserColumns.Match(h) is not { } col)
            {
                if (unknown++ < MaxNamedUnknownColumns)
                    warnings.Add($"Column {ColumnLetter(i)} (\"{Short(h)}\") is not a users.csv column, so its values were ignored.");
                continue;
            }
            if (seen.TryGetValue(col, out var first))
                throw new CsvFileException(
                    $"The column {col.Header()} appears twice (columns {ColumnLetter(first)} and {ColumnLetter(i)}). Delete one of them and import again.");
            seen[col] = i;
            map[i] = col;
        }
        if (unknown > MaxNamedUnknownColumns)
            warnings.Add($"{unknown - MaxNamedUnknownColumns:N0} more columns are not users.csv columns either, so their values were ignored.");
        if (seen.Count == 0)
            throw new CsvFileException("The first row is not a users.csv header: none of its cells is a known column (ID, First Name, Last Name, Email, Extension, ...). " +
                                       "Start from an exported users.csv, whose first row is the header.");
        return map;
    }

    public static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
