using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// The failed rows with the uploaded file's columns plus an Error column, written as safely as an
/// export, so the administrator fixes them and imports that file alone. Secret cells are left empty.
/// </summary>
public static class FailedRowsCsv
{
    public static byte[] Write(UsersCsvFile file, IReadOnlyList<RowPlan> plans)
    {

        using var ms = new MemoryStream();
        using (var text = CsvText.Writer(ms))
        {
            var w = new CsvText(text);
            var header = file.File.Header;
            w.HeaderRow([.. header.Select(h => SpreadsheetGuard.Protect(h, SpreadsheetGuard.Kind.Text)), "Error"]);
            foreach (var plan in plans)
            {
                if (plan.Outcome != RowOutcome.Failed) continue;
                var reenter = new List<string>();
                for (var i = 0; i < header.Length; i++)
                {
                    if (file.Map[i] is { } col)
                    {
                        var value = plan.Input[col] ?? "";
                        if (col.IsSecret())
                        {
                            // Secrets are never kept in the report: the administrator enters them again
                            // ("generate" is not a secret, and stays).
                            var keep = value.Length == 0 || Values.Generated.IsKeyword(value);
                            if (!keep) reenter.Add(col.Header());
                            w.Cell(keep ? value : "");
                        }
                        else if (col == UserColumn.Id && OneCellRow.Looks(value))
                            w.Cell(SpreadsheetGuard.Protect(OneCellRow.FirstValue(value), col.GuardKind())); // a whole row, maybe with secrets
                        else w.Cell(SpreadsheetGuard.Protect(value, col.GuardKind()));
                    }
                    else w.Cell(SpreadsheetGuard.Protect(plan.Input.Unmapped?[i] ?? "", SpreadsheetGuard.Kind.Text));
                }
                w.Cell(SpreadsheetGuard.Protect(ErrorText(plan, reenter), SpreadsheetGuard.Kind.Text)).EndRow();
            }
        }
        return ms.ToArray();
    }

    private static string ErrorText(RowPlan plan, List<string> reenter)
    {
        var sb = new StringBuilder($"Row {plan.Line}: ");
        sb.AppendJoin(" | ", plan.Causes.Select(c => c.Column.Length > 0 ? $"{c.Column}: {c.Message}" : c.Message));
        if (reenter.Count > 0)
            sb.Append($" | Secrets are not kept in this file: enter {string.Join(", ", reenter)} again.");
        return sb.ToString();
    }
}
