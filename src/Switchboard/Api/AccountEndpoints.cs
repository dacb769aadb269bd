using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using static Switchboard.Web.Api.CommandAnswers;

namespace Switchboard.Web.Api;

/// <summary>Administrator accounts of the caller's scope: listed, created, disabled and enabled, given a new password, deleted.</summary>
public static class AccountEndpoints
{
    public sealed record AccountBody(string? Email, string? Password, string? Role, int? ResellerId, int? ClientId);
    /// <summary>Either or both; a property left out stays as it is.</summary>
    public sealed record AccountChangeBody(bool? Disabled, string? Password);
    public sealed record AccountDto(int Id, string Email, string Role, int? ResellerId, int? ClientId, bool Disabled)
    {
        public static AccountDto From(SignIn s) => new(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId, s.DisabledAt != null);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", List).WithTags("Accounts").Problems(403);
        api.MapPost("/accounts", Create).WithTags("Accounts").Problems(400, 403, 404);
        api.MapPut("/accounts/{id:int}", Update).WithTags("Accounts").Problems(400, 404, 409);
        api.MapDelete("/accounts/{id:int}", Delete).WithTags("Accounts").Problems(404, 409);
    }

    private static Results<Ok<PageOf<AccountDto>>, ProblemHttpResult> List(Tenant t, int? page, int? pageSize) =>
        t.Caller.CanManageAccounts
            ? TypedResults.Ok(Paging.Of(t.Accounts.OrderBy(s => s.Id)
                .Select(s => new AccountDto(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId, s.DisabledAt != null)), page, pageSize))
            : Forbidden("PBX users do not manage accounts.");

    private static async Task<Results<Created<AccountDto>, ValidationProblem, ProblemHttpResult>> Create(
        AccountBody body, CreateAccount create, CancellationToken ct) =>
        Created(await create.RunAsync(new AccountFields(body.Email, body.Password, body.Role, body.ResellerId, body.ClientId), "api", ct),
            AccountDto.From, a => $"/api/v1/accounts/{a.Id}");

    private static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> Update(
        int id, AccountChangeBody body, UpdateAccount update, CancellationToken ct) =>
        Ok(await update.RunAsync(id, new AccountChange(body.Disabled, body.Password), "api", ct), AccountDto.From);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, DeleteAccount delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));
}
