using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Import;

public sealed record ReportCause(string Column, string Value, string Message);

/// <summary>One Error Log entry: the row as a spreadsheet numbers it, what identifies it, and every cause.</summary>
public sealed record ReportError(int Row, int? UserId, string? Email, string? Name, IReadOnlyList<ReportCause> Causes);

public sealed record ReportWarning(int? Row, string Message);

/// <summary>
/// A softphone user (no desk phone) whose phone secret or extension this import changed: no file
/// brings the new values to a softphone, so someone types them in (and its registration was removed).
/// </summary>
public sealed record ReportSoftphone(int Row, int UserId, string? Email, string? Name, string Extension, IReadOnlyList<string> Changed);

public sealed record ImportReport(IReadOnlyList<ReportError> Errors, IReadOnlyList<ReportWarning> Warnings, IReadOnlyList<ReportSoftphone>? Softphones = null)
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
        return new ImportReport(errors, warnings, SoftphonesOf(plans).Take(MaxErrors).ToList());
    }

    /// <summary>The rows that changed a softphone user's phone secret or extension (see <see cref="ReportSoftphone"/>).</summary>
    public static IEnumerable<ReportSoftphone> SoftphonesOf(IEnumerable<RowPlan> plans) =>
        from p in plans
        where p.Outcome == RowOutcome.Updated && p.Before is not null && p.After is { PhoneModelId: null }
        let changed = SoftphoneChanges(p.Before!, p.After!)
        where changed.Count > 0
        select new ReportSoftphone(p.Line, p.After!.Id, Cut(p.After.Email), Cut($"{p.After.FirstName} {p.After.LastName}".Trim()), p.After.Extension, changed);

    /// <summary>What a person has to type into a softphone again: the column names of the new phone secret and extension.</summary>
    public static List<string> SoftphoneChanges(UserValues before, UserValues after)
    {
        var changed = new List<string>(2);
        if (before.PhoneSecret != after.PhoneSecret) changed.Add(UserColumn.PhoneSecret.Header());
        if (before.Extension != after.Extension) changed.Add(UserColumn.Extension.Header());
        return changed;
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
