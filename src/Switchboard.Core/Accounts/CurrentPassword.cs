using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;

namespace Switchboard.Core.Accounts;

/// <summary>
/// A person changing their own web password proves they know the current one (the self-service page
/// and PUT /api/v1/me/settings alike), so a session left open or a stolen token cannot lock the owner out.
/// A wrong one counts toward the account's sign-in lockout like a wrong password at sign-in, and a
/// locked account refuses every current password, so a session cannot be used to guess it.
/// </summary>
public sealed class CurrentPassword(SwitchboardDb db, Passwords passwords, IOptions<SignInOptions> options)
{
    public const string Field = "currentPassword";

    public const string Wrong =
        "The current web password is not correct (or the account is locked for a while after too many failed attempts); the new one was not set.";

    /// <summary>Null when the change may go ahead; otherwise the message for <see cref="Field"/>.</summary>
    public async Task<string?> CheckAsync(int signInId, string? newPassword, string? current, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(newPassword)) return null;
        if (string.IsNullOrEmpty(current)) return "Give your current web password to set a new one.";
        var now = DateTime.UtcNow;
        var s = await db.SignIns.AsNoTracking().Where(x => x.Id == signInId).Select(x => new { x.PasswordHash, x.LockedUntil }).FirstOrDefaultAsync(ct);
        if (s is null) return Wrong;
        var locked = s.LockedUntil > now;
        if (!locked && passwords.Verify(s.PasswordHash, current)) return null;
        if (!locked) await CheckCredentials.CountFailureAsync(db, options.Value, signInId, now, ct);
        return Wrong;
    }
}
