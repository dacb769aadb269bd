namespace Switchboard.Core.Accounts;

/// <summary>Configuration section "SignIn": how failed sign-ins are limited.</summary>
public sealed record SignInOptions
{
    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int LockoutFailures { get; init; } = 5;

    /// <summary>How long a locked account refuses every password, the right one included.</summary>
    public int LockoutSeconds { get; init; } = 15 * 60;

    /// <summary>
    /// Failed sign-ins one network address may make per window, over all accounts (generous: many
    /// administrators may share one office address; each account has its own lockout anyway).
    /// </summary>
    public int MaxFailuresPerAddress { get; init; } = 100;

    public int AddressWindowSeconds { get; init; } = 15 * 60;
}
