using System.Text;
using Switchboard.Core.Csv;

namespace Switchboard.Tests.Properties;

/// <summary>
/// The CSV layer alone, for any text (also what no user field may hold: leading tab, CR or LF,
/// newlines inside, leading and trailing spaces): written as the export writes a cell (guard, then
/// CsvText), read by the reader and un-guarded, it is the same string, in every column kind.
/// </summary>
public sealed class GuardedCellsRoundTrip
{
    public const int Cases = 5_000;

    private static readonly string[] Pieces =
    [
        "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "'", "''", "\"", "\"\"", ",", ";", " ", "x", "Ann", "O'Neil", "1", "0", "058213",
        "1.5", "3/4", "12:30", "March 3", "TRUE", "+442079460000", "1E5", "中村", "محمد", "שרה", "😀", "\u200B", "\u202E", "é", "%", "$",
    ];

    [Fact]
    public void Any_text_written_as_an_export_cell_reads_back_as_the_same_text()
    {
        var seed = Seed.For(4242);
        var random = new Random(seed);
        var kinds = Enum.GetValues<SpreadsheetGuard.Kind>();
        for (var batch = 0; batch < Cases / 50; batch++)
        {
            var values = Enumerable.Range(0, 50).Select(_ => Value(random)).ToList();
            var kind = kinds[random.Next(kinds.Length)];
            using var ms = new MemoryStream();
            using (var text = CsvText.Writer(ms))
            {
                var csv = new CsvText(text);
                csv.Cell("ID").Cell("Value").EndRow();
                for (var i = 0; i < values.Count; i++) csv.Cell(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Cell(SpreadsheetGuard.Protect(values[i], kind)).EndRow();
                text.Flush();
            }
            var file = SpreadsheetFileReader.Read(ms.ToArray(), new CsvLimits());
            Assert.True(values.Count == file.Rows.Count, $"batch {batch}: {file.Rows.Count} rows read for {values.Count} {Seed.Replay(seed)}");
            for (var i = 0; i < values.Count; i++)
            {
                var back = SpreadsheetGuard.Unprotect(file.Rows[i].Cells[1], kind);
                Assert.True(values[i] == back, $"batch {batch} ({kind}): {Show(values[i])} came back as {Show(back)} {Seed.Replay(seed)}");
            }
        }
    }

    private static string Value(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(0, 6);
        for (var i = 0; i < n; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    private static string Show(string s) => "\"" + string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
