using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Api;

/// <summary>Who is registered now (read from the registrars), and <i>Resync phone</i>.</summary>
public static class RegistrationEndpoints
{
    public sealed record RegistrationDto(int UserId, string Extension, string SipDomain, string Contact, string SourceAddress, string? UserAgent, DateTime? ExpiresAt);

    /// <summary>A page of registrations; <c>complete</c> is false when a registrar did not answer (or none is configured), so an empty list is never mistaken for "no phone registered".</summary>
    public sealed record RegistrationPage(IReadOnlyList<RegistrationDto> Items, int Total, bool Complete);

    public sealed record ResyncBody(int[]? UserIds);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/registrations", List).WithTags("Registrations");
        api.MapPost("/users/{id:int}/resync", ResyncOne).WithTags("Registrations");
        api.MapPost("/users/resync", ResyncMany).WithTags("Registrations");
    }

    private static async Task<Results<Ok<RegistrationPage>, ForbiddenProblem, NotFoundProblem>> List(Tenant t, RegisteredUsers registered,
        int? clientId, int? page, int? pageSize, CancellationToken ct)
    {
        if (!t.Caller.CanSeeAdministration) return Problems.Forbidden("PBX users do not see registrations.");
        if (clientId is { } c && !await t.Clients.AnyAsync(x => x.Id == c, ct)) return Problems.NotFound($"Client {c}");
        var (items, complete) = await registered.ListAsync(clientId, ct);
        var size = Paging.Size(pageSize);
        var shown = items.Skip((Paging.Number(page) - 1) * size).Take(size)
            .Select(r => new RegistrationDto(r.UserId, r.Extension, r.SipDomain, r.Contact, r.SourceAddress, r.UserAgent, r.ExpiresAt)).ToList();
        return TypedResults.Ok(new RegistrationPage(shown, items.Count, complete));
    }

    private static async Task<Results<Accepted<ResyncResult>, ForbiddenProblem, NotFoundProblem>> ResyncOne(int id, Tenant t, ResyncPhones resync, CancellationToken ct)
    {
        if (!t.Caller.CanResyncPhones) return Problems.NotFound($"User {id}");
        var (result, _) = await resync.RunAsync([id], "api", ct);
        return result is null ? Problems.NotFound($"User {id}") : TypedResults.Accepted((string?)null, result);
    }

    private static async Task<Results<Accepted<ResyncResult>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ResyncMany(ResyncBody body, Tenant t,
        ResyncPhones resync, CancellationToken ct)
    {
        if (!t.Caller.CanResyncPhones) return Problems.Forbidden("PBX users do not resync phones.");
        if (body.UserIds is not { Length: > 0 } ids) return Problems.Invalid("userIds", "Give the IDs of the users whose phones to resync, e.g. {\"userIds\": [12, 15]}.");
        if (ids.Length > ResyncPhones.MaxUsers) return Problems.Invalid("userIds", $"Gives {ids.Length} users; resync at most {ResyncPhones.MaxUsers} at once.");
        var (result, missing) = await resync.RunAsync(ids, "api", ct);
        return result is null ? Problems.NotFound($"User {missing}") : TypedResults.Accepted((string?)null, result);
    }
}
