using Switchboard.Core.Data;

namespace Switchboard.Core.Audit;

public static class AuditLog
{
    public static AuditEntry Entry(int? actorId, string actor, string source, int? clientId, string action,
        string? entityType = null, int? entityId = null, string? details = null) => new()
    {
        At = DateTime.UtcNow,
        ActorId = actorId,
        Actor = actor,
        Source = source,
        ClientId = clientId,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Details = details,
    };
}
