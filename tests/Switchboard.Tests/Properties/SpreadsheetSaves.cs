using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Properties;

/// <summary>
/// users.csv written the way the export writes it, and saved again the ways spreadsheets save it.
/// Excel and LibreOffice keep a leading apostrophe as literal text, so their re-save changes the format,
/// never a cell; Gnumeric and Google Sheets take it as a "this is text" marker and save the cell without it.
/// </summary>
public static class SpreadsheetSaves
{
    static SpreadsheetSaves() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Cell by cell what UsersCsvExport writes for these rows (ID first), secrets included.</summary>
    public static byte[] Export(IEnumerable<(int Id, Dictionary<UserColumn, string> Cells)> users)
    {
        using var ms = new MemoryStream();
        using (var text = CsvText.Writer(ms))
        {
            var csv = new CsvText(text);
            csv.HeaderRow(UserColumns.Headers);
            foreach (var (id, cells) in users)
            {
                for (var i = 0; i < UserColumns.Count; i++)
                {
                    var col = (UserColumn)i;
                    var value = col == UserColumn.Id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : cells.GetValueOrDefault(col, "");
                    csv.Cell(SpreadsheetGuard.Protect(value, col.GuardKind()));
                }
                csv.EndRow();
            }
            text.Flush();
        }
        return ms.ToArray();
    }

    /// <summary>The ways a file comes back from a spreadsheet, by name.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Resaved(byte[] exported)
    {
        var cells = Csv.Records(Encoding.UTF8.GetString(exported));
        yield return ("Excel \"Unicode Text\" (UTF-16, tab)", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Write(cells, '\t', "\r\n", quoteAll: false))]);
        yield return ("LibreOffice (UTF-8, ';', every cell quoted, LF)", Encoding.UTF8.GetBytes(Write(cells, ';', "\n", quoteAll: true)));
        yield return ("Gnumeric / Google Sheets (UTF-8, ',', leading apostrophe dropped as a text marker)",
            Encoding.UTF8.GetBytes(Write([.. cells.Select(r => r.Select(c => c.StartsWith('\'') ? c[1..] : c).ToArray())], ',', "\r\n", quoteAll: false)));
        yield return ("old Mac (UTF-8 with BOM, ',', CR)", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(cells, ',', "\r", quoteAll: false))]);
    }

    private static string Write(List<string[]> rows, char delimiter, string newline, bool quoteAll)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(delimiter, row.Select(c => quoteAll || c.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));
            sb.Append(newline);
        }
        return sb.ToString();
    }
}
