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
            var s = RandomNumberGenerator.GetString(Alphabet, 20);
            if (PhoneSecretValue.Check(s, extension) is null) return s;
        }
    }

    public static string Pin(string? extension)
    {
        while (true)
        {
            var s = RandomNumberGenerator.GetString("0123456789", 6);
            if (PinValue.Check(s, extension) is null) return s;
        }
    }
}
