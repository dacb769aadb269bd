using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Email + password to the caller they sign in as, for the token endpoint and the sign-in page
/// alike. Null for an unknown email, a wrong password or a user without a web password: one answer.
/// </summary>
public sealed class CheckCredentials(SwitchboardDb db, Passwords passwords)
{
    public async Task<Caller?> RunAsync(string? email, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return null;
        var normalized = EmailValue.Normalize(email);
        var s = await db.SignIns.AsNoTracking().FirstOrDefaultAsync(x => x.NormalizedEmail == normalized, ct);
        return s is not null && passwords.Verify(s.PasswordHash, password) ? new Caller(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId) : null;
    }
}
