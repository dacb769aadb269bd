using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Accounts;
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
        var (token, expires) = await tokens.IssueAsync(result.Caller!.Id, ct);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
