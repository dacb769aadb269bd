using System.Globalization;
using System.Text;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Process;

/// <summary>
/// users-csv.md, "Writing the file" and Import semantics 4: "Export → spreadsheet → save as CSV →
/// import is lossless" — checked with the real LibreOffice Calc: the export is opened (converted to
/// xlsx) and saved as CSV again, once with commas and once with semicolons, and both files import with
/// every row unchanged.
///
/// How LibreOffice is driven (all options are documented LibreOffice CSV filter tokens:
/// separator(s), text delimiter, character set, first line, column formats, language, then
/// "quoted field as text", "detect special numbers", "save cell contents as shown", "export formulas",
/// "remove spaces", "sheet", "evaluate formulas"):
/// <list type="bullet">
/// <item>Opening users.csv (<c>--infilter</c>), in two ways:
///   <para><b>double-click</b> = <c>CSV:44/59/9,34,76,1,,1033,false,false,true,false,false,,false</c>: what
///   the Text Import dialog offers a user with a fresh profile (LibreOffice's registry defaults for
///   Calc/Dialogs/CSVImport: separators comma, semicolon and tab all ticked, quote ", quoted fields not
///   forced to text, "Detect special numbers" off, "Evaluate formulas" off), with UTF-8 (76) as the
///   character set, which the export's byte order mark announces.</para>
///   <para><b>everything detected</b> = <c>CSV:44,34,76,1,,1033</c>: comma, quote, UTF-8, from line 1; the
///   tokens left out take the filter's own defaults, which switch "Detect special numbers" and
///   "Evaluate formulas" ON — the most a spreadsheet interprets (dates, times, percentages, currency,
///   scientific notation, formulas), so what survives this survives any of the dialog's settings.</para>
///   Language 1033 (English, USA) is pinned so the result does not depend on the machine's locale.
///   Without <c>--infilter</c> headless LibreOffice reads the file in the system's 8-bit character set
///   (mojibake for "Zoë"), which no user double-clicking a file with a BOM gets, so that is not used.</item>
/// <item>Saving as CSV from the xlsx: <c>csv:Text - txt - csv (StarCalc):44,34,76,1</c> (comma; the tokens
///   left out default to "quote all text cells" and "save cell contents as shown") and
///   <c>csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true</c> (semicolon, quote only where
///   needed, save cell contents as shown — the Save As dialog's defaults). "As shown" keeps text exactly
///   as it is and writes numbers (IDs, extensions, template ids) as displayed.</item>
/// </list>
/// Every run uses its own <c>-env:UserInstallation=file:///tmp/lo-profile-…</c>. Written against
/// LibreOffice 7.4 (Debian 12's libreoffice-calc). The test output lists every cell whose text
/// LibreOffice changed (quoting, the byte order mark and line endings are not cell text).
/// </summary>
public sealed class SpreadsheetRoundTripTests(SwitchboardApp app, ITestOutputHelper output) : IClassFixture<SwitchboardApp>, IDisposable
{
    public const string DoubleClick = "double-click";
    public const string EverythingDetected = "everything detected";

    private static readonly Dictionary<string, string> OpenOptions = new()
    {
        [DoubleClick] = "CSV:44/59/9,34,76,1,,1033,false,false,true,false,false,,false",
        [EverythingDetected] = "CSV:44,34,76,1,,1033",
    };

    private static readonly (string Name, string Filter, char Delimiter)[] SaveOptions =
    [
        ("comma", "csv:Text - txt - csv (StarCalc):44,34,76,1", ','),
        ("semicolon", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true", ';'),
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"switchboard-lo-{Guid.NewGuid():N}");
    private LibreOffice? _libreOffice;

    public void Dispose()
    {
        _libreOffice?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(DoubleClick)]
    [InlineData(EverythingDetected)]
    public async Task Users_whose_values_tempt_a_spreadsheet_survive_LibreOffice_unchanged(string opening)
    {
        var w = await World.CreateAsync(app);
        var rows = TemptingUsers(w);
        (await w.As["A1"].Import(Csv.Write(rows))).AssertCounts(created: rows.Count, failed: 0);

        await AssertLosslessThroughLibreOffice(w.As["A1"], rows.Count, opening);
    }

    /// <summary>
    /// Gnumeric (like Google Sheets) takes the export's leading apostrophe as a text marker and saves
    /// the bare value: csv → xlsx → csv through <c>ssconvert</c>, with its defaults, imports unchanged.
    /// Values that need quotes are left out: Gnumeric guesses the separator from the first quoted cell
    /// and, when a guarded cell follows it, splits the file on apostrophes; the contract's header is
    /// exact, so the export cannot steer that guess (users-csv.md says to open the file with its
    /// separator set to comma in Gnumeric).
    /// </summary>
    [Fact]
    public async Task Users_whose_values_tempt_a_spreadsheet_survive_Gnumeric_unchanged()
    {
        var w = await World.CreateAsync(app);
        var rows = TemptingUsers(w).Where(r => !r.Values.Any(v => v.AsSpan().IndexOfAny(",;\t\"\r\n") >= 0)).ToList();
        rows.AddRange(new[] { ".5", "5.", "1.e5", "2024-03-04T10:00", "$.5" }.Select(d => w.Person(("Department", d))));
        (await w.As["A1"].Import(Csv.Write(rows))).AssertCounts(created: rows.Count, failed: 0);

        var (exported, _) = await w.As["A1"].Export("?includeSecrets=true");
        Directory.CreateDirectory(_dir);
        var csv = Path.Combine(_dir, "users.csv");
        await File.WriteAllBytesAsync(csv, exported);
        var xlsx = Path.Combine(_dir, "users.xlsx");
        Gnumeric.Convert(csv, xlsx);
        var saved = Path.Combine(_dir, "saved.csv");
        Gnumeric.Convert(xlsx, saved);
        var bytes = await File.ReadAllBytesAsync(saved);
        var changes = CellChanges(Csv.Records(Encoding.UTF8.GetString(exported), ','), Csv.Records(Encoding.UTF8.GetString(bytes), ','));
        output.WriteLine($"Gnumeric csv → xlsx → csv: {(changes.Count == 0 ? "every cell as exported" : string.Join("; ", changes))}");
        Assert.Contains(changes, c => c.Contains("\"''t Hooft\" → \"'t Hooft\"", StringComparison.Ordinal)); // the marker was dropped
        var report = await w.As["A1"].Import(bytes);
        Assert.True(report.Status == "completed" && report.Created == 0 && report.Updated == 0 && report.Unchanged == rows.Count && report.Failed == 0,
            $"import after Gnumeric gave {report.Status} created {report.Created}, updated {report.Updated}, unchanged {report.Unchanged}, " +
            $"failed {report.Failed} (want 0/0/{rows.Count}/0); errors {report.Errors.ToJsonString()}; cells Gnumeric changed: {string.Join("; ", changes)}");
    }

    private static List<Dictionary<string, string>> TemptingUsers(World w)
    {
        return new List<Dictionary<string, string>>
        {
            w.Person(("First Name", "=1+1"), ("Last Name", "'t Hooft"), ("Department", "+44 20"), ("Forward Number", "+14155550100"),
                ("Voicemail Pin", "0482"), ("Language", "fr"), ("DND On", "yes")),
            w.Person(("First Name", "Zoë \"Z\" Ünïcödé 山田"), ("Last Name", "0123"), ("Department", "March 3"),
                ("Followme Number", "+44 20 7946 0000"), ("Voicemail Pin", "0071"), ("Language", "pt-BR"), ("Callwaiting on", "no")),
            w.Person(("First Name", "3/4"), ("Last Name", "12:30"), ("Department", "1.50"), ("Phone Secret", "Xk7pQ2mN9vR4sT8w"),
                ("Phone Model ID", Id(w.PmPoly)), ("Provisioning Template ID", Id(w.TplPolyA1)), ("Mac Address", World.RandomMac()),
                ("User Profile ID", Id(w.ProfA1))),
            w.Person(("First Name", "-5"), ("Last Name", "@SUM(A1)"), ("Department", "TRUE"), ("Phone Model ID", Id(w.PmYea)),
                ("Provisioning Template ID", Id(w.TplYea)), ("Mac Address", DigitsOnlyMac()), ("DND On", "on"), ("Language", "German")),
            // Stored values that start with an apostrophe: the file says ''s-Hertogenbosch, the user has 's-Hertogenbosch.
            w.Person(("First Name", "O'Brien"), ("Last Name", "Smith, Jr."), ("Department", "'s-Hertogenbosch")),
            w.Person(("First Name", "Sept 3"), ("Last Name", "10am"), ("Department", "1e5"), ("Voicemail Pin", "09184"),
                ("Forward Number", "(415) 555-0100")),
            w.Person(("First Name", "(12)"), ("Last Name", "$100"), ("Department", "12%")),
            w.Person(("First Name", "1 1/2"), ("Last Name", "2024-03-04"), ("Department", "1,234.50")),
            w.Person(("First Name", "0"), ("Last Name", "Jan. 2024"), ("Department", "00441234567890"), ("Followme Number", "00442079460000")),
            w.Person(("First Name", "'"), ("Last Name", "true"), ("Department", "12345678901234")),
            w.Person(("First Name", "Ärzte"), ("Last Name", "Müller-Lüdenscheidt"), ("Department", "R&D \"Labs\", Zürich"),
                ("Language", "de"), ("DND On", "oui"), ("Callwaiting on", "nein")),
            w.Person(("First Name", "12:30:45"), ("Last Name", "1/2/2024 10:00"), ("Department", "-"), ("Language", "en-GB")),
        };
    }

    /// <summary>
    /// Text LibreOffice 7.4 reads as a number, date or time although the export does not guard it:
    /// decimals without a digit before or after the point, ISO date-times, dates with AM/PM,
    /// percentages and currency of such decimals.
    /// </summary>
    [Theory]
    [InlineData(DoubleClick)]
    [InlineData(EverythingDetected)]
    public async Task Departments_LibreOffice_reads_as_numbers_or_dates_survive_LibreOffice_unchanged(string opening)
    {
        var w = await World.CreateAsync(app);
        string[] departments = [".5", "5.", "1.e5", ".5e3", "2024-03-04T10:00", "1/2/3 4:05 PM", ".5%", "$.5"];
        var rows = departments.Select(d => w.Person(("Department", d))).ToList();
        (await w.As["A1"].Import(Csv.Write(rows))).AssertCounts(created: rows.Count, failed: 0);

        await AssertLosslessThroughLibreOffice(w.As["A1"], rows.Count, opening);
    }

    /// <summary>
    /// LibreOffice's Text Import dialog ticks comma, semicolon and tab as separators by default, so an
    /// unquoted value with a semicolon is split in two cells when the user double-clicks users.csv.
    /// </summary>
    [Fact]
    public async Task A_department_with_a_semicolon_survives_LibreOffice_opened_with_its_default_separators()
    {
        var w = await World.CreateAsync(app);
        var rows = new List<Dictionary<string, string>> { w.Person(("Department", "Sales; EMEA")), w.Person(("Last Name", "Lee;Ann")) };
        (await w.As["A1"].Import(Csv.Write(rows))).AssertCounts(created: rows.Count, failed: 0);

        await AssertLosslessThroughLibreOffice(w.As["A1"], rows.Count, DoubleClick);
    }

    /// <summary>Export with secrets, LibreOffice: csv → xlsx → csv (comma, semicolon), import both: all unchanged.</summary>
    private async Task AssertLosslessThroughLibreOffice(HttpClient http, int users, string opening)
    {
        _libreOffice ??= new LibreOffice();
        var (exported, exportedRows) = await http.Export("?includeSecrets=true");
        Assert.Equal(users, exportedRows.Count);
        // The untouched export first: if this fails, the product loses data without any spreadsheet.
        (await http.Import(exported)).AssertCounts(created: 0, updated: 0, unchanged: users, failed: 0);

        Directory.CreateDirectory(_dir);
        var csv = Path.Combine(_dir, "users.csv");
        await File.WriteAllBytesAsync(csv, exported);
        var xlsx = _libreOffice.Convert(csv, "xlsx", Path.Combine(_dir, "xlsx"), OpenOptions[opening]);
        var original = Csv.Records(Encoding.UTF8.GetString(exported), ',');

        var failures = new List<string>();
        foreach (var (name, filter, delimiter) in SaveOptions)
        {
            var saved = _libreOffice.Convert(xlsx, filter, Path.Combine(_dir, name));
            var bytes = await File.ReadAllBytesAsync(saved);
            var changes = CellChanges(original, Csv.Records(Encoding.UTF8.GetString(bytes), delimiter));
            output.WriteLine($"{opening} → xlsx → {name} CSV: {(changes.Count == 0 ? "every cell as exported" : string.Join("; ", changes))}");
            var report = await http.Import(bytes);
            if (report.Status != "completed" || report.Created != 0 || report.Updated != 0 || report.Unchanged != users || report.Failed != 0)
            {
                failures.Add($"opened with {opening} ({OpenOptions[opening]}), saved as {name} CSV ({filter}): import gave " +
                             $"{report.Status} created {report.Created}, updated {report.Updated}, unchanged {report.Unchanged}, failed {report.Failed} " +
                             $"(want 0/0/{users}/0); warnings {report.Warnings.ToJsonString()}; errors {report.Errors.ToJsonString()}; " +
                             $"cells LibreOffice changed: {(changes.Count == 0 ? "none" : string.Join("; ", changes))}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Cells whose text differs between the export and what LibreOffice saved (by row and header).</summary>
    private static List<string> CellChanges(List<string[]> before, List<string[]> after)
    {
        var changes = new List<string>();
        if (after.Count > 0 && after[0].Length != before[0].Length)
            changes.Add($"header has {after[0].Length} cells, not {before[0].Length}: [{string.Join("|", after[0])}]");
        for (var r = 1; r < Math.Max(before.Count, after.Count); r++)
        {
            var b = r < before.Count ? before[r] : [];
            var a = r < after.Count ? after[r] : [];
            for (var c = 0; c < Math.Max(a.Length, b.Length); c++)
            {
                var bv = c < b.Length ? b[c] : "";
                var av = c < a.Length ? a[c] : "";
                if (bv == av) continue;
                var header = c < before[0].Length ? before[0][c] : $"column {c + 1}";
                changes.Add($"row {r + 1} {header}: \"{bv}\" → \"{av}\"");
            }
        }
        return changes;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A MAC whose hex digits are all decimal digits (00:15:65:12:34:56): the kind a spreadsheet might take for a number or time.</summary>
    private static string DigitsOnlyMac() =>
        "00:15:65:" + string.Join(":", Enumerable.Range(0, 3).Select(_ => Random.Shared.Next(10, 100).ToString(CultureInfo.InvariantCulture)));
}
