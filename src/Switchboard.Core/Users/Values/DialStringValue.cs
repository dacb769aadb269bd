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
