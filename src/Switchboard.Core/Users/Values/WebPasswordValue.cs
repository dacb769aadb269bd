namespace Switchboard.Core.Users.Values;

public static class WebPasswordValue
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    public static string? Check(string password, string? email, string? extension)
    {
        if (password.Length < MinLength)
            return $"Must be at least {MinLength} characters. Enter a longer password.";
        if (password.Length > MaxLength)
            return $"Must be at most {MaxLength} characters.";
        if (email is not null && string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
            return "Must not be the user's email. Enter a different password.";
        if (extension is not null && password == extension)
            return "Must not be the user's extension. Enter a different password.";
        return null;
    }
}
