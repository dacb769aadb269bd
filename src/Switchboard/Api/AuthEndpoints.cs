using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Api;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password);
    public sealed record TokenResponse(string Token, DateTime ExpiresAt);
    public sealed record Me(int Id, string Email, string Role, int? ResellerId, int? ClientId);

    public static void Map(RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Auth");
        api.MapPost("/auth/token", Token).AllowAnonymous();
        api.MapGet("/me", (Caller c) => TypedResults.Ok(new Me(c.Id, c.Email, c.Role, c.ResellerId, c.ClientId)));
        api.MapPost("/me/sign-out-everywhere", SignOutEverywhere)
            .WithSummary("Sign out everywhere")
            .WithDescription("Ends every portal session and API token of the caller's account at once, on every instance, the token of this request included (it answers 401 from now on).");
    }

    private static async Task<NoContent> SignOutEverywhere(Caller caller, SwitchboardDb db, CancellationToken ct)
    {
        await Sessions.SignOutEverywhereAsync(db, caller, "api", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem, TooManyRequestsProblem>> Token(TokenRequest body, CheckCredentials check, Tokens tokens, HttpContext http, CancellationToken ct)
    {
        var result = await check.RunAsync(body.Email, body.Password, http.Connection.RemoteIpAddress, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.TooManyFailures:
                return new TooManyRequestsProblem(result.TooManyMessage!, result.RetryAfter!.Value);
            case SignInOutcome.Refused:
                return new UnauthorizedProblem("Sign-in failed", SignInAttempt.RefusedMessage);
        }
        var (token, expires) = await tokens.IssueAsync(result.Caller!.Id, result.SecurityStamp, ct);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
