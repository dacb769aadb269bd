using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Accounts;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Unknown email, wrong password, no web password, a locked or a disabled account: one answer for all.</summary>
    Refused,
    /// <summary>Too many failed sign-ins from this address: tried again later, nothing was checked.</summary>
    TooManyFailures,
}

/// <param name="SecurityStamp">The account's stamp read with the password: what the session or token issued now carries.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, Caller? Caller = null, TimeSpan? RetryAfter = null, string SecurityStamp = "")
{
    /// <summary>The one message every refusal shows: it never tells whether the account exists or is locked.</summary>
    public const string RefusedMessage =
        "The email or password is not correct, or the account is locked for a while after too many failed attempts.";

    public string TooManyMessage =>
        $"Too many failed sign-ins from your network address. Try again in {Math.Max(1, (int)Math.Ceiling((RetryAfter ?? TimeSpan.Zero).TotalMinutes))} minutes.";
}

/// <summary>
/// Email + password to the caller they sign in as, for the token endpoint and the sign-in page
/// alike, with the defences of both: an account locks after repeated wrong passwords (in the
/// database, so on every instance), an address that fails too often is turned away for a while,
/// and an unknown email costs the same hash as a wrong password so timing tells nothing either.
/// </summary>
public sealed class CheckCredentials(SwitchboardDb db, Passwords passwords, FailedSignInsByAddress addresses, IOptions<SignInOptions> options)
{
    public async Task<SignInAttempt> RunAsync(string? email, string? password, IPAddress? address, CancellationToken ct)
    {
        if (addresses.IsBlocked(address)) return new SignInAttempt(SignInOutcome.TooManyFailures, RetryAfter: addresses.Window);
        var normalized = EmailValue.Normalize(email ?? "");
        var s = normalized.Length == 0 ? null : await db.SignIns.AsNoTracking().FirstOrDefaultAsync(x => x.NormalizedEmail == normalized, ct);
        var now = DateTime.UtcNow;
        // A disabled account goes the locked account's way: the decoy hash is checked, so it answers
        // exactly like a wrong password, and its failures are not counted.
        var locked = s?.LockedUntil > now || s?.DisabledAt is not null;
        var hash = s is not null && !locked ? s.PasswordHash : null;
        var ok = passwords.Verify(hash ?? passwords.Decoy, password ?? "") && hash is not null;
        if (ok)
        {
            if (s!.FailedSignIns > 0 || s.LockedUntil is not null)
                await db.SignIns.Where(x => x.Id == s.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, 0).SetProperty(x => x.LockedUntil, (DateTime?)null), ct);
            return new SignInAttempt(SignInOutcome.SignedIn, new Caller(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId), SecurityStamp: s.SecurityStamp);
        }
        addresses.Record(address);
        if (s is not null && !locked) await CountFailureAsync(db, options.Value, s.Id, now, ct);
        return new SignInAttempt(SignInOutcome.Refused);
    }

    /// <summary>One more wrong password for the account (at sign-in, or as the current one when changing it); enough in a row lock it.</summary>
    public static async Task CountFailureAsync(SwitchboardDb db, SignInOptions o, int id, DateTime now, CancellationToken ct)
    {
        // One statement each, so failures on several instances at once are all counted.
        await db.SignIns.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, x => x.FailedSignIns + 1), ct);
        await db.SignIns.Where(x => x.Id == id && x.FailedSignIns >= o.LockoutFailures)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, 0).SetProperty(x => x.LockedUntil, now.AddSeconds(o.LockoutSeconds)), ct);
    }
}
