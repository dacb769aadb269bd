namespace Switchboard.Core.Users.Values;

/// <summary>Voicemail PINs. Weak PINs are a classic toll-fraud door, so weakness is an error, not a warning.</summary>
public static class PinValue
{
    private const string Ascending = "01234567890";
    private const string Descending = "09876543210";

    public static string? TiedToExtension(string pin, string? extension) =>
        pin == extension ? "Must not equal the user's extension. Enter a different PIN or 'generate'." : null;

    public static string? Check(string pin, string? extension)
    {
        if (!pin.All(char.IsAsciiDigit) || pin.Length is < 4 or > 10)
            return "Must be 4 to 10 digits. Enter a new PIN or 'generate' for a random one.";
        if (TiedToExtension(pin, extension) is { } tie) return tie;
        if (pin.All(c => c == pin[0]))
            return "Is one digit repeated, which is easy to guess. Enter a different PIN or 'generate'.";
        if (Ascending.Contains(pin, StringComparison.Ordinal) || Descending.Contains(pin, StringComparison.Ordinal))
            return "Is a run of consecutive digits (like 1234), which is easy to guess. Enter a different PIN or 'generate'.";
        return null;
    }
}
