using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Import;

public sealed record ReportCause(string Column, string Value, string Message);

/// <summary>One Error Log entry: the row as a spreadsheet numbers it, what identifies it, and every cause.</summary>
public sealed record ReportError(int Row, int? UserId, string? Email, string? Name, IReadOnlyList<ReportCause> Causes);

public sealed record ReportWarning(int? Row, string Message);

public sealed record ImportReport(IReadOnlyList<ReportError> Errors, IReadOnlyList<ReportWarning> Warnings)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The Error Log keeps this many entries: a small file of a million bad rows must not make a
    /// report of gigabytes. The failed count and failed-rows.csv still cover every row.
    /// </summary>
    public const int MaxErrors = 10_000;

    public static ImportReport From(IReadOnlyList<RowPlan> plans, IEnumerable<string> fileWarnings)
    {
        var failed = plans.Where(p => p.Outcome == RowOutcome.Failed);
        var errors = failed.Take(MaxErrors).Select(ErrorOf).ToList();
        var more = failed.Count() - errors.Count;
        if (more > 0)
            fileWarnings = fileWarnings.Append($"The Error Log lists the first {MaxErrors:N0} failed rows; {more:N0} more failed. " +
                                               "Download the failed rows (CSV) to see and fix them all.");
        var warnings = fileWarnings.Select(w => new ReportWarning(null, w))
            .Concat(plans.Where(p => p.HasWarnings).SelectMany(p => p.Warnings.Select(w => new ReportWarning(p.Line, w))))
            .ToList();
        return new ImportReport(errors, warnings);
    }

    public static ReportError ErrorOf(RowPlan p)
    {
        var idText = p.Input[UserColumn.Id];
        int? id = Values.IdValue.TryParse(idText ?? "", out var parsed) ? parsed : null;
        var name = p.Input.IdentifyingName;
        return new ReportError(p.Line, id, Cut(p.Input[UserColumn.Email]), name.Length == 0 ? null : Cut(name),
            p.Causes.Select(c => new ReportCause(c.Column, c.Value, c.Message)).ToList());
    }

    private static string? Cut(string? s) => string.IsNullOrEmpty(s) ? null : s.Length > Cause.MaxEcho ? s[..Cause.MaxEcho] + "…" : s;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportReport FromJson(string? json) =>
        json is null ? new ImportReport([], []) : JsonSerializer.Deserialize<ImportReport>(json, Json)!;
}
