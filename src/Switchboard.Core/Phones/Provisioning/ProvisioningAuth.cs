using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Phones.Provisioning;

public enum AuthOutcome
{
    /// <summary>No credentials: the first step of Digest (not a failure).</summary>
    None,
    /// <summary>A Digest answer to a nonce that has expired but was ours: challenge again with stale=true (not a failure).</summary>
    Stale,
    /// <summary>Wrong or unusable credentials (Basic over plain HTTP included): a failure.</summary>
    Failed,
    Ok,
}

/// <summary>
/// HTTP Digest (RFC 7616, qop=auth, MD5 and SHA-256) and Basic for provisioning. Nonces are a time
/// and its HMAC under a key derived from the secrets' data key (which every instance of one database
/// loads), so any instance accepts another's nonce until it is <see cref="ProvisioningOptions.NonceSeconds"/> old.
/// Nonce counts are not tracked (that would need state shared between instances): a captured answer
/// replays only the same file, only over the channel it was captured on, and only until the nonce expires.
/// </summary>
public sealed class ProvisioningAuth(ProvisioningAccounts accounts, IOptions<ProvisioningOptions> options)
{
    private readonly ProvisioningOptions _o = options.Value;
    private byte[]? _nonceKey;

    private byte[] NonceKey => _nonceKey ??= HKDF.DeriveKey(HashAlgorithmName.SHA256,
        SecretBox.CurrentKey ?? throw new InvalidOperationException("The secrets key is not loaded yet."), 32,
        info: Encoding.ASCII.GetBytes("Switchboard.Provisioning.DigestNonce.v1"));

    /// <summary>The two challenges, MD5 first (what every phone speaks), then SHA-256.</summary>
    public string[] Challenges(bool stale)
    {
        var nonce = NewNonce();
        var s = stale ? ", stale=true" : "";
        return
        [
            $"Digest realm=\"{_o.Realm}\", qop=\"auth\", algorithm=MD5, nonce=\"{nonce}\"{s}",
            $"Digest realm=\"{_o.Realm}\", qop=\"auth\", algorithm=SHA-256, nonce=\"{nonce}\"{s}",
        ];
    }

    public async ValueTask<(AuthOutcome Outcome, ProvisioningAccounts.Account? Account)> CheckAsync(
        string? authorization, string method, string requestTarget, bool https, Func<Task<long>> stamp, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return (AuthOutcome.None, null);
        var space = authorization.IndexOf(' ');
        var scheme = space < 0 ? authorization : authorization[..space];
        var rest = space < 0 ? "" : authorization[(space + 1)..];
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return https ? await BasicAsync(rest, stamp, ct) : (AuthOutcome.Failed, null);
        if (scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
            return await DigestAsync(rest, method, requestTarget, stamp, ct);
        return (AuthOutcome.Failed, null);
    }

    private async ValueTask<(AuthOutcome, ProvisioningAccounts.Account?)> BasicAsync(string token, Func<Task<long>> stamp, CancellationToken ct)
    {
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token.Trim())); }
        catch (FormatException) { return (AuthOutcome.Failed, null); }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return (AuthOutcome.Failed, null);
        var account = await accounts.FindAsync(decoded[..colon], await stamp(), ct);
        if (account is null) return (AuthOutcome.Failed, null);
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]));
        foreach (var s in Usable(account))
            if (CryptographicOperations.FixedTimeEquals(given, s.PasswordSha256)) return (AuthOutcome.Ok, account);
        return (AuthOutcome.Failed, null);
    }

    private async ValueTask<(AuthOutcome, ProvisioningAccounts.Account?)> DigestAsync(string header, string method, string requestTarget, Func<Task<long>> stamp, CancellationToken ct)
    {
        var p = DigestHeader.Parse(header);
        if (p is null) return (AuthOutcome.Failed, null);
        string? Get(string k) => p.TryGetValue(k, out var v) ? v : null;
        var (username, realm, nonce, uri, response, qop, nc, cnonce) =
            (Get("username"), Get("realm"), Get("nonce"), Get("uri"), Get("response"), Get("qop"), Get("nc"), Get("cnonce"));
        var algorithm = Get("algorithm") ?? "MD5";
        var sha256 = algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase);
        if (!sha256 && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase)) return (AuthOutcome.Failed, null);
        if (username is null || nonce is null || uri is null || response is null || cnonce is null || nc is null ||
            realm != _o.Realm || !string.Equals(qop, "auth", StringComparison.OrdinalIgnoreCase) || !SameTarget(uri, requestTarget))
            return (AuthOutcome.Failed, null);
        var age = NonceAge(nonce);
        if (age is null) return (AuthOutcome.Failed, null);
        var account = await accounts.FindAsync(username, await stamp(), ct);
        if (account is null) return (AuthOutcome.Failed, null);
        var ha2 = DigestHex.Of(sha256, $"{method}:{uri}");
        var given = Encoding.ASCII.GetBytes(response.ToLowerInvariant());
        foreach (var s in Usable(account))
        {
            var ha1 = Encoding.ASCII.GetString(sha256 ? s.Ha1Sha256 : s.Ha1Md5);
            var expected = Encoding.ASCII.GetBytes(DigestHex.Of(sha256, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"));
            if (CryptographicOperations.FixedTimeEquals(given, expected))
                // The right password on an old nonce: the phone asks again with a fresh one (RFC 7616 stale).
                return age > TimeSpan.FromSeconds(_o.NonceSeconds) ? (AuthOutcome.Stale, null) : (AuthOutcome.Ok, account);
        }
        return (AuthOutcome.Failed, null);
    }

    private static IEnumerable<ProvisioningAccounts.Secret> Usable(ProvisioningAccounts.Account a)
    {
        var now = DateTime.UtcNow;
        return a.Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now);
    }

    /// <summary>The Digest uri names the request's own target (absolute form allowed).</summary>
    private static bool SameTarget(string uri, string target)
    {
        if (uri == target) return true;
        return Uri.TryCreate(uri, UriKind.Absolute, out var abs) && abs.PathAndQuery == target;
    }

    private string NewNonce()
    {
        Span<byte> n = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(n, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        HMACSHA256.HashData(NonceKey, n[..8]).AsSpan(0, 16).CopyTo(n[8..]);
        return Convert.ToBase64String(n).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>How old a nonce of ours is; null when it is not ours (bad signature or shape).</summary>
    private TimeSpan? NonceAge(string nonce)
    {
        Span<byte> n = stackalloc byte[24];
        if (nonce.Length != 32 || !Convert.TryFromBase64String(nonce.Replace('-', '+').Replace('_', '/'), n, out var len) || len != 24) return null;
        var mac = HMACSHA256.HashData(NonceKey, n[..8]);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, 16), n[8..])) return null;
        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(n));
        var age = DateTimeOffset.UtcNow - issued;
        return age < TimeSpan.FromSeconds(-60) ? null : age;
    }
}

/// <summary>The name=value list of a Digest Authorization header (values quoted or tokens).</summary>
public static class DigestHeader
{
    public static Dictionary<string, string>? Parse(string s)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) i++;
            if (i >= s.Length) break;
            var eq = s.IndexOf('=', i);
            if (eq < 0) return null;
            var name = s[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < s.Length && s[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    sb.Append(s[i++]);
                }
                if (i >= s.Length) return null;
                i++;
                value = sb.ToString();
            }
            else
            {
                var end = s.IndexOf(',', i);
                if (end < 0) end = s.Length;
                value = s[i..end].Trim();
                i = end;
            }
            if (name.Length == 0 || !d.TryAdd(name, value)) return null;
        }
        return d;
    }
}
