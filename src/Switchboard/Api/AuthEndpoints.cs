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
        api.MapPost("/auth/token", Token).AllowAnonymous();
        api.MapGet("/me", (Caller c) => new Me(c.Id, c.Email, c.Role, c.ResellerId, c.ClientId));
    }

    private static async Task<IResult> Token(TokenRequest body, CheckCredentials check, Tokens tokens, HttpContext http, CancellationToken ct)
    {
        var result = await check.RunAsync(body.Email, body.Password, http.Connection.RemoteIpAddress, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.TooManyFailures:
                http.Response.Headers.RetryAfter = ((int)result.RetryAfter!.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: 429, title: "Too many failed sign-ins", detail: result.TooManyMessage);
            case SignInOutcome.Refused:
                return Results.Problem(statusCode: 401, title: "Sign-in failed", detail: SignInAttempt.RefusedMessage);
        }
        var (token, expires) = await tokens.IssueAsync(result.Caller!.Id, ct);
        return Results.Ok(new TokenResponse(token, expires));
    }
}
