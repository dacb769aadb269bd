using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>
/// A hash written as Digest authentication writes it (HTTP, RFC 7616, and SIP alike): lower-case hex
/// of MD5 or SHA-256 over the UTF-8 text. One helper for the registrar's HA1s and provisioning's Digest.
/// </summary>
public static class DigestHex
{
    [ThreadStatic] private static MD5? _md5;
    [ThreadStatic] private static byte[]? _buffer;

    /// <summary>
    /// MD5 of the parts written one after another, without building the text: the registrar's HA1s are
    /// computed for every user an import creates, so this hashes into a per-thread buffer with a
    /// per-thread hasher (a one-shot hash sets up its context each time).
    /// </summary>
    public static string Md5(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var p in parts) length += Encoding.UTF8.GetMaxByteCount(p.Length);
        var buffer = _buffer is { } b && b.Length >= length ? b : _buffer = new byte[Math.Max(length, 256)];
        var at = 0;
        foreach (var p in parts) at += Encoding.UTF8.GetBytes(p, buffer.AsSpan(at));
        Span<byte> hash = stackalloc byte[16];
        (_md5 ??= MD5.Create()).TryComputeHash(buffer.AsSpan(0, at), hash, out _);
        return Convert.ToHexStringLower(hash);
    }

    public static string Of(bool sha256, string text) => Of(sha256, Encoding.UTF8.GetBytes(text));

    public static string Of(bool sha256, byte[] data) =>
        Convert.ToHexStringLower(sha256 ? SHA256.HashData(data) : MD5.HashData(data));
}
