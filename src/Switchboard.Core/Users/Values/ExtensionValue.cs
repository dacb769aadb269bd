namespace Switchboard.Core.Users.Values;

public static class ExtensionValue
{
    /// <summary>Emergency numbers an extension may neither equal nor start with (it would shadow them).</summary>
    public static readonly string[] Emergency = ["911", "112", "999", "933"];

    public static string? Check(string value)
    {
        if (value.Length == 0) return "Is required. Enter 2 to 8 digits, e.g. 201.";
        if (!value.All(char.IsAsciiDigit))
            return "Must contain digits only (2 to 8 digits, e.g. 201).";
        if (value.Length is < 2 or > 8) return $"Has {value.Length} digits; use 2 to 8 digits.";
        if (value[0] == '0')
            return "Must not start with 0 (0 is the operator/outside-line prefix, and spreadsheets drop leading zeros). Choose another extension.";
        foreach (var e in Emergency)
        {
            if (value.StartsWith(e, StringComparison.Ordinal))
                return $"Would shadow the emergency number {e}. Choose an extension that does not start with {e}.";
        }
        return null;
    }
}
