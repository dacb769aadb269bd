namespace Switchboard.Core.Users.Values;

public static class EmailValue
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A pragmatic check: one '@', a dotted domain, no spaces or control characters.</summary>
    public static string? Check(string value)
    {
        var text = TextValue.Check(value, MaxLength);
        if (text is not null) return text;
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@'))
            return "Is not an email address: it needs exactly one '@' with a name before it (e.g. ann.lee@example.com).";
        if (value.Any(char.IsWhiteSpace))
            return "Is not an email address: it contains a space. Remove it.";
        var domain = value[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        if (dot <= 0 || dot == domain.Length - 1 || domain.StartsWith('.') || domain.Contains(".."))
            return "Is not an email address: the part after '@' must be a domain such as example.com.";
        return null;
    }
}
