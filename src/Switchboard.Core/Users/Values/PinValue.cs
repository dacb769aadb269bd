namespace Switchboard.Core.Users.Values;

/// <summary>Voicemail PINs. Weak PINs are a classic toll-fraud door, so weakness is an error, not a warning.</summary>
public static class PinValue
{
    private const string Ascending = "01234567890";
    private const string Descending = "09876543210";

    public static string? TiedToExtension(string pin, string? extension) =>
        pin == extension ? "Must not equal the user's extension. Enter a different PIN or 'generate'." : null;

    private const string ZerosDropped =
        "A spreadsheet may have dropped its leading zeros: format the column as Text (or open users.csv as text, see the Import page) " +
        "and type the PIN again, or enter 'generate' for a random one.";

    /// <summary>
    /// A PIN equal to the stored one without its leading zeros: a spreadsheet read "0482…" as a
    /// number. Never taken as a change of PIN. The message never shows either PIN.
    /// </summary>
    public static string? LostLeadingZeros(string pin, string? stored) =>
        stored is ['0', ..] && pin.Length > 0 && pin.Length < stored.Length && stored.TrimStart('0') == pin
            ? "Is the stored PIN without its leading zeros. " + ZerosDropped
            : null;

    public static string? Check(string pin, string? extension)
    {
        if (pin.Length is > 0 and < 4 && pin.All(char.IsAsciiDigit))
            return "Is shorter than 4 digits. " + ZerosDropped;
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
