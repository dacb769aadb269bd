using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Accounts;

/// <summary>
/// A person changing their own web password proves they know the current one (the self-service page
/// and PUT /api/v1/me/settings alike), so a session left open or a stolen token cannot lock the owner out.
/// </summary>
public static class CurrentPassword
{
    public const string Field = "currentPassword";

    /// <summary>Null when the change may go ahead; otherwise the message for <see cref="Field"/>.</summary>
    public static async Task<string?> CheckAsync(SwitchboardDb db, Passwords passwords, int signInId, string? newPassword, string? current,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(newPassword)) return null;
        if (string.IsNullOrEmpty(current)) return "Give your current web password to set a new one.";
        var hash = await db.SignIns.Where(s => s.Id == signInId).Select(s => s.PasswordHash).FirstOrDefaultAsync(ct);
        return passwords.Verify(hash, current) ? null : "The current web password is not correct; the new one was not set.";
    }
}
