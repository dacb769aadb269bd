using System.Globalization;

namespace Switchboard.Core.Users.Values;

/// <summary>
/// Names, emails and departments: trimmed, bounded, free of control and invisible formatting characters,
/// and able to survive users.csv through any spreadsheet (<see cref="Csv.SpreadsheetGuard.IsAmbiguous"/>).
/// </summary>
public static class TextValue
{
    public const int MaxName = 64;

    public static string? Check(string value, int maxLength)
    {
        if (value.Length > maxLength)
            return $"Is {value.Length} characters long; the most allowed is {maxLength}. Shorten it.";
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsForbidden(rune))
                return rune.Value is '\n' or '\r'
                    ? "Contains a line break. Remove it so the value is on one line."
                    : $"Contains an invisible or control character (U+{rune.Value:X4}). Retype the value without it.";
        }
        return Csv.SpreadsheetGuard.IsAmbiguous(value, Csv.SpreadsheetGuard.Kind.Text) ? Csv.SpreadsheetGuard.AmbiguousProblem : null;
    }

    /// <summary>Control characters, zero-width characters and bidi overrides/isolates.</summary>
    public static bool IsForbidden(System.Text.Rune r)
    {
        var cat = System.Text.Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
    }
}
