using Switchboard.Core.Data;
using Switchboard.Core.Users;

namespace Switchboard.Core.Audit;

/// <summary>What the audit log page and API filter by: a client, a user (by ID, kept after a delete), and days (UTC, both inclusive).</summary>
public sealed record AuditFilter(int? ClientId, int? UserId, DateOnly? From, DateOnly? To)
{
    /// <summary>Narrows entries the caller may read (see Tenancy.Tenant.AuditEntries), newest first.</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> visible)
    {
        var q = visible;
        if (ClientId is { } c) q = q.Where(a => a.ClientId == c);
        if (UserId is { } u) q = q.Where(a => a.EntityType == UserAudit.EntityType && a.EntityId == u);
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
