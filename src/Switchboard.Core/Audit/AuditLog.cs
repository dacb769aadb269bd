using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Audit;

/// <summary>Who made a change and from where: written on every audit entry of that change.</summary>
/// <param name="Source">"api", "page", "self-service", "import N", "seed".</param>
public sealed record AuditStamp(int? ActorId, string Actor, string Source, string? Address)
{
    public static AuditStamp Of(Caller caller, string source) => new(caller.Id, caller.Email, source, caller.Address);
}

public static class AuditLog
{
    public static AuditEntry Entry(AuditStamp stamp, int? clientId, string action, string? entityType = null, int? entityId = null,
        string? subject = null, string? details = null, string? changes = null) => new()
    {
        At = DateTime.UtcNow,
        ActorId = stamp.ActorId,
        Actor = stamp.Actor,
        Source = stamp.Source,
        Address = stamp.Address,
        ClientId = clientId,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Subject = subject,
        Details = details,
        Changes = changes,
    };

    public static AuditEntry Entry(Caller caller, string source, int? clientId, string action, string? entityType = null,
        int? entityId = null, string? subject = null, string? details = null, string? changes = null) =>
        Entry(AuditStamp.Of(caller, source), clientId, action, entityType, entityId, subject, details, changes);
}
