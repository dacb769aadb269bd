namespace Switchboard.Core.Users.Values;

public static class PhoneSecretValue
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public static string? Check(string secret, string? extension)
    {
        if (secret.Length < MinLength)
            return $"Must be at least {MinLength} characters. Enter a longer secret or 'generate' for a random one.";
        if (secret.Length > MaxLength)
            return $"Must be at most {MaxLength} characters.";
        if (!secret.Any(char.IsLetter) || !secret.Any(char.IsAsciiDigit))
            return "Must contain both letters and digits. Enter a stronger secret or 'generate'.";
        if (secret.Any(char.IsControl) || secret.Any(char.IsWhiteSpace))
            return "Must not contain spaces or control characters.";
        if (Csv.SpreadsheetGuard.IsAmbiguous(secret, Csv.SpreadsheetGuard.Kind.Text))
            return Csv.SpreadsheetGuard.AmbiguousProblem;
        return TiedToExtension(secret, extension);
    }

    public static string? TiedToExtension(string secret, string? extension) =>
        !string.IsNullOrEmpty(extension) && secret.Contains(extension, StringComparison.Ordinal)
            ? "Must not contain the user's extension. Enter a different secret or 'generate'."
            : null;
}
