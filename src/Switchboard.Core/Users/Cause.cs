namespace Switchboard.Core.Users;

/// <summary>One reason a row failed: the column, the value as given (secrets masked, long values cut) and what to do.</summary>
public sealed record Cause(string Column, string Value, string Message)
{
    public const int MaxEcho = 80;
    public const string Masked = "••••••";

    public static Cause For(UserColumn column, string? value, string message) =>
        new(column.Header(), Echo(column, value), message);

    public static string Echo(UserColumn column, string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (column.IsSecret()) return Masked;
        return value.Length > MaxEcho ? value[..MaxEcho] + $"… ({value.Length:N0} characters)" : value;
    }
}
