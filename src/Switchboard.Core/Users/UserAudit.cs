using Switchboard.Core.Audit;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users;

/// <summary>
/// What the audit log records of a user change: a subject that still says who it was after a
/// delete, and every changed field with its old and new value, by its users.csv header. Secrets
/// (web password, phone secret, voicemail PIN) are named as changed, never shown.
/// </summary>
public static class UserAudit
{
    public const string EntityType = "user";

    public static string Subject(UserValues v) => $"{v.FirstName} {v.LastName} <{v.Email}>, extension {v.Extension}";

    public static string Action(RowPlan plan) =>
        plan.Outcome == RowOutcome.Deleted ? "user.delete" : plan.Before is null ? "user.create" : "user.update";

    /// <summary>
    /// The fields an updated row changes, old and new (synchronous: see <see cref="AuditChanges"/>). A
    /// created user's entry has none: its subject says who it is, and the values it was created with
    /// follow from the user's current values and the "from" side of every later change (or the delete's
    /// last values), so repeating them would only make every create row of an import twice as costly.
    /// </summary>
    public static string? Changes(RowPlan plan) =>
        plan.Outcome == RowOutcome.Deleted ? Deleted(plan.Before!)
        : plan.Before is null ? null : Changes(plan.Before, plan.After!, plan.SetsPassword);

    public static string? Changes(UserValues before, UserValues after, bool passwordSet)
    {
        var c = new AuditChanges();
        foreach (var f in UserColumns.Audited)
        {
            if (f.Same(before, after)) continue;
            if (f.Secret) c.Secret(f.Header);
            else c.Value(f.Header, f.Format(before), f.Format(after));
        }
        if (passwordSet) c.Secret(UserColumn.WebPassword.Header());
        return c.ToJson();
    }

    /// <summary>A deleted user's last values (secrets left out), so the entry says what was removed.</summary>
    public static string? Deleted(UserValues before)
    {
        var c = new AuditChanges();
        foreach (var f in UserColumns.Audited)
            if (!f.Secret) c.Value(f.Header, f.Format(before), null);
        return c.ToJson();
    }
}
