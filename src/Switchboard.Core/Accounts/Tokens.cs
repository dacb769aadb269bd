using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Accounts;

/// <summary>Opaque bearer tokens: random, handed out once, stored only as a SHA-256 hash, expiring.</summary>
public sealed class Tokens(SwitchboardDb db)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public async Task<(string Token, DateTime ExpiresAt)> IssueAsync(int signInId, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTime.UtcNow.Add(Lifetime);
        db.ApiTokens.Add(new ApiToken { TokenHash = HashOf(token), SignInId = signInId, ExpiresAt = expires });
        await db.ApiTokens.Where(t => t.ExpiresAt < DateTime.UtcNow).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return (token, expires);
    }

    public async Task<Caller?> ResolveAsync(string token, CancellationToken ct)
    {
        var hash = HashOf(token);
        var now = DateTime.UtcNow;
        return await (from t in db.ApiTokens
                      join s in db.SignIns on t.SignInId equals s.Id
                      where t.TokenHash == hash && t.ExpiresAt > now && s.DisabledAt == null
                      select new Caller(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId)).FirstOrDefaultAsync(ct);
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
