using Switchboard.Core.Data;
using Switchboard.Core.Users;

namespace Switchboard.Core.Audit;

/// <summary>
/// What the audit log page and API filter by: a client, a user (by ID, kept after a delete), days
/// (UTC, both inclusive), and for people on the page: a user's name or email (<see cref="UserIds"/>
/// holds the IDs of the caller's users that match it; the entry's subject, as the user was then, is
/// searched too, so deleted and renamed users are found), an action code, and a source ("page",
/// "api", "self-service", "import" for every import, "import 12" for one, "undo" for undos).
/// </summary>
public sealed record AuditFilter(int? ClientId, int? UserId, DateOnly? From, DateOnly? To)
{
    public string? UserText { get; init; }
    public IReadOnlyList<int> UserIds { get; init; } = [];
    public string? Action { get; init; }
    public string? Source { get; init; }

    /// <summary>Narrows entries the caller may read (see Tenancy.Tenant.AuditEntries), newest first.</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> visible)
    {
        var q = visible;
        if (ClientId is { } c) q = q.Where(a => a.ClientId == c);
        if (UserId is { } u) q = q.Where(a => a.EntityType == UserAudit.EntityType && a.EntityId == u);
        if (!string.IsNullOrWhiteSpace(UserText))
        {
            var term = UserText.Trim().ToLowerInvariant();
            var ids = UserIds;
            q = q.Where(a => a.EntityType == UserAudit.EntityType &&
                             ((a.EntityId != null && ids.Contains(a.EntityId.Value)) || (a.Subject != null && a.Subject.ToLower().Contains(term))));
        }
        if (!string.IsNullOrEmpty(Action)) q = q.Where(a => a.Action == Action);
        if (!string.IsNullOrWhiteSpace(Source))
        {
            var s = Source.Trim().ToLowerInvariant();
            q = s switch
            {
                "import" => q.Where(a => a.Source.StartsWith("import ")),
                "undo" => q.Where(a => a.Source.StartsWith("undo of import ")),
                _ when int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) =>
                    q.Where(a => a.Source == "import " + n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => q.Where(a => a.Source == s),
            };
        }
        if (From is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At >= start);
        }
        if (To is { } t && t < DateOnly.MaxValue)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At < end);
        }
        return q.OrderByDescending(a => a.Id);
    }
}
