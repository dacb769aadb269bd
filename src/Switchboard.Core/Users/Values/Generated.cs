using System.Security.Cryptography;

namespace Switchboard.Core.Users.Values;

/// <summary>Random secrets that always satisfy the rules they are checked by.</summary>
public static class Generated
{
    public const string Keyword = "generate";

    // No look-alikes (0/O, 1/l/I) so a secret read off a screen is typed right.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static bool IsKeyword(string value) => value.Trim().Equals(Keyword, StringComparison.OrdinalIgnoreCase);

    public static string PhoneSecret(string? extension)
    {
        while (true)
        {
            var s = Draw(Alphabet, 20);
            if (PhoneSecretValue.Check(s, extension) is null) return s;
        }
    }

    public static string Pin(string? extension)
    {
        while (true)
        {
            var s = Draw("0123456789", 6);
            if (PinValue.Check(s, extension) is null) return s;
        }
    }

    /// <summary>
    /// Uniform random characters from one buffer of cryptographic random bytes (rejection sampling),
    /// rather than one call to the random source per character: imports generate 100,000s of these.
    /// </summary>
    private static string Draw(string alphabet, int length)
    {
        Span<byte> bytes = stackalloc byte[length * 2];
        Span<char> result = stackalloc char[length];
        var limit = 256 - 256 % alphabet.Length;
        var n = 0;
        while (n < length)
        {
            RandomNumberGenerator.Fill(bytes);
            foreach (var b in bytes)
            {
                if (b >= limit) continue;
                result[n++] = alphabet[b % alphabet.Length];
                if (n == length) break;
            }
        }
        return new string(result);
    }
}
