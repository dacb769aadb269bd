using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>
/// A hash written as Digest authentication writes it (HTTP, RFC 7616, and SIP alike): lower-case hex
/// of MD5 or SHA-256 over the UTF-8 text. One helper for the registrar's HA1s and provisioning's Digest.
/// </summary>
public static class DigestHex
{
    public static string Md5(string text) => Of(sha256: false, text);

    public static string Of(bool sha256, string text) => Of(sha256, Encoding.UTF8.GetBytes(text));

    public static string Of(bool sha256, byte[] data) =>
        Convert.ToHexStringLower(sha256 ? SHA256.HashData(data) : MD5.HashData(data));
}
