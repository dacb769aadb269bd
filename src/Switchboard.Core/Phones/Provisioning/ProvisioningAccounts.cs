using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// A reseller's usable provisioning passwords, as what checks them needs: the Digest HA1s for the
/// configured realm (MD5 and SHA-256) and a SHA-256 of the password for Basic, so a fetch costs
/// one hash and a constant-time compare, no database read. Kept per username for as long as the
/// <see cref="PhoneFileStamps"/> stamp stays the same: a new password or a retirement, made on any
/// instance, changes the stamp in its own transaction, so the next fetch here reads the account again.
/// </summary>
public sealed class ProvisioningAccounts(IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options)
{
    public sealed record Secret(byte[] Ha1Md5, byte[] Ha1Sha256, byte[] PasswordSha256, DateTime? ValidUntil);

    public sealed record Account(int ResellerId, string Username, IReadOnlyList<Secret> Secrets);

    private sealed record Entry(Account Account, long Stamp);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The account named by a provisioning username, or null (unknown, or no password set).</summary>
    /// <param name="stamp">The <see cref="PhoneFileStamps"/> stamp, read after the fetch arrived.</param>
    public async ValueTask<Account?> FindAsync(string username, long stamp, CancellationToken ct)
    {
        if (_cache.TryGetValue(username, out var hit) && hit.Stamp == stamp) return hit.Account;
        // Read after the stamp, so it is at least as new as the stamp says.
        var account = await LoadAsync(username, ct);
        // Unknown names are not kept: a guesser must not fill the memory.
        if (account is not null) _cache[username] = new Entry(account, stamp);
        else _cache.TryRemove(username, out _);
        return account;
    }

    public void Forget(int resellerId) => _cache.TryRemove(ProvisioningCredentials.UsernameOf(resellerId), out _);

    private async Task<Account?> LoadAsync(string username, CancellationToken ct)
    {
        const string prefix = "reseller-";
        if (!username.StartsWith(prefix, StringComparison.Ordinal) ||
            !int.TryParse(username.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ||
            ProvisioningCredentials.UsernameOf(id) != username)
            return null;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var row = await db.ResellerProvisioning.AsNoTracking().FirstOrDefaultAsync(p => p.ResellerId == id, ct);
        if (row is null) return null;
        var realm = options.Value.Realm;
        var secrets = new List<Secret> { Derive(username, realm, row.Password, null) };
        if (row.PreviousPassword is { } previous && row.PreviousValidUntil is { } until && until > DateTime.UtcNow)
            secrets.Add(Derive(username, realm, previous, until));
        return new Account(id, username, secrets);
    }

    private static Secret Derive(string username, string realm, string password, DateTime? validUntil)
    {
        var a1 = Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
        return new Secret(Encoding.ASCII.GetBytes(DigestHex.Of(sha256: false, a1)), Encoding.ASCII.GetBytes(DigestHex.Of(sha256: true, a1)),
            SHA256.HashData(Encoding.UTF8.GetBytes(password)), validUntil);
    }
}
