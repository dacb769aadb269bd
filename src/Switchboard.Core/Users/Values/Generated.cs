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
    /// Uniform random characters (rejection sampling) from cryptographic random bytes drawn in blocks
    /// per thread, each byte used once: imports generate 100,000s of these, and one call to the random
    /// source per value cost more than the rest of generating it.
    /// </summary>
    private static string Draw(string alphabet, int length)
    {
        Span<char> result = stackalloc char[length];
        var limit = 256 - 256 % alphabet.Length;
        var n = 0;
        while (n < length)
        {
            var b = NextByte();
            if (b >= limit) continue;
            result[n++] = alphabet[b % alphabet.Length];
        }
        return new string(result);
    }

    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _randomAt;

    private static byte NextByte()
    {
        if (_random is null || _randomAt == _random.Length)
        {
            _random ??= new byte[4096];
            RandomNumberGenerator.Fill(_random);
            _randomAt = 0;
        }
        return _random[_randomAt++];
    }
}
