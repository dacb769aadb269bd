using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using static Switchboard.Web.Api.CommandAnswers;

namespace Switchboard.Web.Api;

/// <summary>Resellers and clients: created, changed and deleted by the same commands as the pages.</summary>
public static class TenancyEndpoints
{
    public sealed record ResellerBody(string? Name);
    public sealed record ResellerDto(int Id, string Name)
    {
        public static ResellerDto From(Reseller r) => new(r.Id, r.Name);
    }

    /// <summary>A new client (resellerId: the platform administrator names the owner), or a change: a property left out stays as it is.</summary>
    public sealed record ClientBody(string? Name, int? ResellerId, string? DefaultLanguage, string? SipDomain);
    public sealed record ClientChange(string? Name, string? DefaultLanguage, string? SipDomain);
    public sealed record ClientDto(int Id, int ResellerId, string Name, string DefaultLanguage, string SipDomain)
    {
        public static ClientDto From(Client c) => new(c.Id, c.ResellerId, c.Name, c.DefaultLanguage, c.SipDomain);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/resellers", ListResellers).WithTags("Resellers").Problems(403);
        api.MapGet("/resellers/{id:int}", GetReseller).WithTags("Resellers").Problems(404);
        api.MapPost("/resellers", CreateReseller).WithTags("Resellers").Problems(400, 403, 409);
        api.MapPut("/resellers/{id:int}", UpdateReseller).WithTags("Resellers").Problems(400, 403, 404, 409);
        api.MapDelete("/resellers/{id:int}", DeleteReseller).WithTags("Resellers").Problems(403, 404, 409);

        api.MapGet("/clients", ListClients).WithTags("Clients").Problems(403);
        api.MapGet("/clients/{id:int}", GetClient).WithTags("Clients").Problems(404);
        api.MapPost("/clients", CreateClient).WithTags("Clients").Problems(400, 403, 404, 409);
        api.MapPut("/clients/{id:int}", UpdateClient).WithTags("Clients").Problems(400, 403, 404, 409);
        api.MapDelete("/clients/{id:int}", DeleteClient).WithTags("Clients").Problems(403, 404, 409);
    }

    private static Results<Ok<PageOf<ResellerDto>>, ProblemHttpResult> ListResellers(Tenant t, int? page, int? pageSize) =>
        t.Caller.CanSeeResellers
            ? TypedResults.Ok(Paging.Of(t.Resellers.OrderBy(r => r.Id).Select(r => new ResellerDto(r.Id, r.Name)), page, pageSize))
            : Forbidden("Only platform and reseller administrators see resellers.");

    private static async Task<Results<Ok<ResellerDto>, ProblemHttpResult>> GetReseller(Tenant t, int id, CancellationToken ct) =>
        await t.Resellers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? TypedResults.Ok(ResellerDto.From(r)) : NotFound($"Reseller {id}");

    private static async Task<Results<Created<ResellerDto>, ValidationProblem, ProblemHttpResult>> CreateReseller(
        ResellerBody body, CreateReseller create, CancellationToken ct) =>
        Created(await create.RunAsync(body.Name, "api", ct), ResellerDto.From, r => $"/api/v1/resellers/{r.Id}");

    private static async Task<Results<Ok<ResellerDto>, ValidationProblem, ProblemHttpResult>> UpdateReseller(
        int id, ResellerBody body, UpdateReseller update, CancellationToken ct) =>
        Ok(await update.RunAsync(id, body.Name, "api", ct), ResellerDto.From);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteReseller(int id, DeleteReseller delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));

    private static Results<Ok<PageOf<ClientDto>>, ProblemHttpResult> ListClients(Tenant t, int? page, int? pageSize) =>
        t.Caller.CanSeeAdministration
            ? TypedResults.Ok(Paging.Of(t.Clients.OrderBy(c => c.Id).Select(c => new ClientDto(c.Id, c.ResellerId, c.Name, c.DefaultLanguage, c.SipDomain)), page, pageSize))
            : Forbidden("PBX users do not see clients.");

    private static async Task<Results<Ok<ClientDto>, ProblemHttpResult>> GetClient(Tenant t, int id, CancellationToken ct) =>
        await t.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(ClientDto.From(c)) : NotFound($"Client {id}");

    private static async Task<Results<Created<ClientDto>, ValidationProblem, ProblemHttpResult>> CreateClient(
        ClientBody body, CreateClient create, CancellationToken ct) =>
        Created(await create.RunAsync(body.ResellerId, new ClientFields(body.Name, body.DefaultLanguage, body.SipDomain), "api", ct),
            ClientDto.From, c => $"/api/v1/clients/{c.Id}");

    private static async Task<Results<Ok<ClientDto>, ValidationProblem, ProblemHttpResult>> UpdateClient(
        int id, ClientChange body, UpdateClient update, CancellationToken ct) =>
        Ok(await update.RunAsync(id, new ClientFields(body.Name, body.DefaultLanguage, body.SipDomain), "api", ct), ClientDto.From);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteClient(int id, DeleteClient delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));
}
