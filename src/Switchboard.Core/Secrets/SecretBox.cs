using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>
/// Phone secrets and voicemail PINs at rest: AES-256-GCM under one data key, a fresh nonce per
/// value. (Data Protection itself costs ~1.2 s per 100,000 values, too slow for the bulk path, so it
/// only wraps this key: see <see cref="SecretKeyStore"/>.) Stored as "enc:v1:" + base64 of
/// nonce | tag | ciphertext; a value without that prefix was stored before encryption and is read
/// as it is until <see cref="SecretKeyStore"/> seals it.
/// </summary>
public static class SecretBox
{
    public const string Prefix = "enc:v1:";
    private const int NonceBytes = 12, TagBytes = 16;
    private static byte[]? _key;

    /// <summary>
    /// Set at start-up, before any secret is read or written. One process holds one key (EF Core's
    /// value converters are shared by every context of the process), so a second database opened in
    /// the same process must carry the same key.
    /// </summary>
    public static void Use(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The data key must be 32 bytes.", nameof(key));
        if (_key is not null && !CryptographicOperations.FixedTimeEquals(_key, key))
            throw new InvalidOperationException("This process already seals secrets with another database's key; run one Switchboard process per database.");
        _key = key;
    }

    /// <summary>The key in use, if any: a new database opened by this process stores this one.</summary>
    public static byte[]? CurrentKey => _key;

    private static byte[] Key => _key ?? throw new InvalidOperationException("The secrets key is not loaded yet (SecretKeyStore.LoadAsync runs at start-up).");

    // One cipher per thread, rebuilt only if the key changes: the bulk path seals 200,000 values per 100,000 rows.
    [ThreadStatic] private static AesGcm? _aes;
    [ThreadStatic] private static byte[]? _aesKey;

    // Random nonces drawn from the system generator in blocks: one call per 1,024 values, not one each.
    [ThreadStatic] private static byte[]? _nonces;
    [ThreadStatic] private static int _nonceAt;

    private static void NextNonce(Span<byte> nonce)
    {
        if (_nonces is null || _nonceAt == _nonces.Length)
        {
            _nonces ??= new byte[NonceBytes * 1024];
            RandomNumberGenerator.Fill(_nonces);
            _nonceAt = 0;
        }
        _nonces.AsSpan(_nonceAt, NonceBytes).CopyTo(nonce);
        _nonceAt += NonceBytes;
    }

    private static AesGcm Cipher()
    {
        var key = Key;
        if (_aes is null || !ReferenceEquals(_aesKey, key))
        {
            _aes?.Dispose();
            (_aes, _aesKey) = (new AesGcm(key, TagBytes), key);
        }
        return _aes;
    }

    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static string Seal(string plain)
    {
        var text = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceBytes + TagBytes + text.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        NextNonce(nonce);
        Cipher().Encrypt(nonce, text, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// Seals the sealed fields (<see cref="Users.UserColumns.Sealed"/>: phone secret and PIN) of many users
    /// over every core (the bulk path's share of sealing): user i's field j is at i * fields + j.
    /// For updates, <paramref name="stored"/> holds each user as stored: a value equal to its stored
    /// one comes back null, as that stored (already sealed) value stays; sealing it again would only cost time.
    /// </summary>
    public static string?[] SealAll(IReadOnlyList<Users.UserValues> users, IReadOnlyList<Users.UserValues>? stored = null)
    {
        var fields = Users.UserColumns.Sealed;
        var result = new string?[users.Count * fields.Length];
        Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            for (var j = 0; j < fields.Length; j++)
            {
                var value = fields[j].Text!(users[i])!;
                result[i * fields.Length + j] = stored is not null && fields[j].Text!(stored[i]) == value ? null : Seal(value);
            }
        });
        return result;
    }

    public static string Open(string stored)
    {
        if (!IsSealed(stored)) return stored;
        var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        Cipher().Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes + TagBytes), bytes.AsSpan(NonceBytes, TagBytes), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
