using Switchboard.Core.Csv;

namespace Switchboard.Core.Users.Import;

/// <summary>A users.csv read into per-user inputs: header columns matched forgivingly, cells trimmed and un-guarded.</summary>
public sealed class UsersCsvFile
{
    public required SpreadsheetFile File { get; init; }
    /// <summary>For each file column, the users.csv column it maps to, or null (unknown or blank: ignored).</summary>
    public required UserColumn?[] Map { get; init; }
    public required List<UserInput> Inputs { get; init; }
    public required List<string> Warnings { get; init; }

    public static UsersCsvFile Parse(byte[] bytes, CsvLimits limits)
    {
        UserColumn?[] map = [];
        var warnings = new List<string>();
        var inputs = new List<UserInput>();
        var blankWithData = new SortedSet<int>();
        var file = SpreadsheetFileReader.Read(bytes, limits, header =>
        {
            map = MapHeader(header, warnings);
            var blank = header.Select(h => h.Length == 0).ToArray();
            var keepUnmapped = map.Any(c => c is null);
            return row =>
            {
                var cells = new string?[UserColumns.Count];
                for (var i = 0; i < map.Length; i++)
                {
                    if (map[i] is { } col)
                        cells[(int)col] = SpreadsheetGuard.Unprotect(row.Cells[i].Trim(), col.GuardKind()).Trim();
                    else if (blank[i] && !string.IsNullOrWhiteSpace(row.Cells[i]))
                        blankWithData.Add(i);
                }
                // Unknown columns' cells are kept only for the failed-rows file, and only when the file has such columns.
                inputs.Add(new UserInput(row.Line, cells) { ExtraCells = row.ExtraCells, Unmapped = keepUnmapped ? row.Cells : null });
            };
        });
        warnings.InsertRange(0, file.Warnings);
        foreach (var i in blankWithData)
            warnings.Add($"Column {ColumnLetter(i)} has no header but holds values; they were ignored. Give it a header or delete it.");
        return new UsersCsvFile { File = file, Map = map, Inputs = inputs, Warnings = warnings };
    }

    private static UserColumn?[] MapHeader(string[] header, List<string> warnings)
    {
        var map = new UserColumn?[header.Length];
        var seen = new Dictionary<UserColumn, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i];
            if (h.Length == 0) continue;
            if (UserColumns.Match(h) is not { } col)
            {
                warnings.Add($"Column {ColumnLetter(i)} (\"{Short(h)}\") is not a users.csv column, so its values were ignored.");
                continue;
            }
            if (seen.TryGetValue(col, out var first))
                throw new CsvFileException(
                    $"The column {col.Header()} appears twice (columns {ColumnLetter(first)} and {ColumnLetter(i)}). Delete one of them and import again.");
            seen[col] = i;
            map[i] = col;
        }
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
