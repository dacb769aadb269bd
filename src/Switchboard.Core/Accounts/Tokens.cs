using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Opaque tokens: random, handed out once, stored only as a SHA-256 hash, expiring. An API bearer token
/// is one; so is a portal session, whose cookie carries its token. Each holds only while its account is
/// enabled and keeps the stamp it had when the token was issued (see <see cref="Sessions"/>), checked in
/// the database on every request, so an ended one is refused on every instance at once.
/// </summary>
public sealed class Tokens(SwitchboardDb db)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <param name="stamp">The account's <see cref="SignIn.SecurityStamp"/> read with the password just checked, so a
    /// password changed meanwhile ends this token too.</param>
    public async Task<(string Token, DateTime ExpiresAt)> IssueAsync(int signInId, string stamp, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTime.UtcNow.Add(Lifetime);
        db.ApiTokens.Add(new ApiToken { TokenHash = HashOf(token), SignInId = signInId, ExpiresAt = expires, SecurityStamp = stamp });
        await db.ApiTokens.Where(t => t.ExpiresAt < DateTime.UtcNow).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return (token, expires);
    }

    /// <summary>
    /// The caller a token signs in, or null when it is unknown, expired or ended. One indexed read.
    /// <paramref name="sliding"/> (portal sessions): a session in use past half its lifetime gets a whole lifetime again, as its cookie does.
    /// </summary>
    public async Task<Caller?> ResolveAsync(string token, CancellationToken ct, bool sliding = false)
    {
        var hash = HashOf(token);
        var now = DateTime.UtcNow;
        var found = await (from t in db.ApiTokens
                           join s in db.SignIns on t.SignInId equals s.Id
                           where t.TokenHash == hash && t.ExpiresAt > now && s.DisabledAt == null && t.SecurityStamp == s.SecurityStamp
                           select new { Caller = new Caller(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId), t.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (found is null) return null;
        if (sliding && found.ExpiresAt - now < Lifetime / 2)
            await db.ApiTokens.Where(t => t.TokenHash == hash).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, now.Add(Lifetime)), ct);
        return found.Caller;
    }

    /// <summary>Ends this one token (signing out of one portal session): it is never accepted again.</summary>
    public Task RevokeAsync(string token, CancellationToken ct)
    {
        var hash = HashOf(token);
        return db.ApiTokens.Where(t => t.TokenHash == hash).ExecuteDeleteAsync(ct);
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
