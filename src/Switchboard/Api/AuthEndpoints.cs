using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

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

    private static async Task<IResult> Token(TokenRequest body, SwitchboardDb db, Passwords passwords, Tokens tokens, CancellationToken ct)
    {
        // One answer for an unknown email, a wrong password and an account without a web password.
        var denied = Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "The email or password is not correct.");
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password)) return denied;
        var normalized = EmailValue.Normalize(body.Email);
        var signIn = await db.SignIns.AsNoTracking().FirstOrDefaultAsync(s => s.NormalizedEmail == normalized, ct);
        if (signIn is null || !passwords.Verify(signIn.PasswordHash, body.Password)) return denied;
        var (token, expires) = await tokens.IssueAsync(signIn.Id, ct);
        return Results.Ok(new TokenResponse(token, expires));
    }
}
