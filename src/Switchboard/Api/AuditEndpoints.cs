using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Api;

/// <summary>The audit log: read by the client's administrators, its reseller and the platform administrator.</summary>
public static class AuditEndpoints
{
    public sealed record AuditEntryDto(
        long Id, DateTime At, int? ActorId, string Actor, string Source, string? Address, int? ClientId, string Action,
        string? EntityType, int? EntityId, string? Subject, string? Details, IReadOnlyList<AuditChange> Changes)
    {
        public static AuditEntryDto From(AuditView v)
        {
            var a = v.Entry;
            return new(a.Id, a.At, v.ActorId, v.Actor, a.Source, v.Address, a.ClientId, a.Action,
                a.EntityType, a.EntityId, a.Subject, a.Details, v.Changes);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit", List).WithTags("Audit");

    private static async Task<Results<Ok<PageOf<AuditEntryDto>>, ForbiddenProblem, NotFoundProblem>> List(Tenant t, ReadAuditLog read, int? clientId, int? userId, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (!t.Caller.CanSeeAuditLog) return Problems.Forbidden("PBX users do not see the audit log.");
        if (clientId is { } c && !await t.Clients.AnyAsync(x => x.Id == c, ct)) return Problems.NotFound($"Client {c}");
        var (items, total) = await read.RunAsync(new AuditFilter(clientId, userId, from, to), Paging.Number(page), Paging.Size(pageSize), ct);
        return TypedResults.Ok(new PageOf<AuditEntryDto>(items.Select(AuditEntryDto.From).ToList(), total));
    }
}
