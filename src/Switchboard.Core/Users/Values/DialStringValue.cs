using System.Text.RegularExpressions;

namespace Switchboard.Core.Users.Values;

public static partial class DialStringValue
{
    [GeneratedRegex(@"^\+?[0-9]{2,20}\z")]
    private static partial Regex Valid();

    [GeneratedRegex(@"^[+-]?[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+\z")]
    private static partial Regex Scientific();

    /// <summary>Drops spaces, '-', '.', '(' and ')'.</summary>
    public static string Normalize(string value)
    {
        if (IsScientific(value)) return value.Trim();
        return string.Concat(value.Where(c => c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0')));
    }

    public static bool IsScientific(string value) => Scientific().IsMatch(value.Trim());

    /// <summary>
    /// A number equal to the stored one without its leading '+': a spreadsheet read "+44…" as a
    /// number and dropped the '+'. Never taken as a change to another number.
    /// </summary>
    public static string? LostPlus(string normalized, string? stored) =>
        stored is ['+', .. var digits] && normalized == digits
            ? "Is the stored number without its leading + (a spreadsheet read +" + digits[..Math.Min(2, digits.Length)] +
              "… as a number and dropped the +), which would dial a different number. Keep the +: format the column as Text " +
              "(or open users.csv as text, see the Import page), type the number with its +, and save; or leave the cell as exported."
            : null;

    public static string? Check(string normalized)
    {
        if (IsScientific(normalized))
            return "Looks like a number a spreadsheet turned into scientific notation, which loses digits. " +
                   "Format the column as Text in your spreadsheet, type the full number again (e.g. +14155550100), and save.";
        if (!Valid().IsMatch(normalized))
            return "Must be a phone number: an optional leading + then 2 to 20 digits (spaces, dashes, dots and brackets are ignored).";
        return null;
    }
}
