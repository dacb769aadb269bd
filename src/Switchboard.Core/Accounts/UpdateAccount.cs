using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Accounts;

/// <summary>What to change about an administrator account; null leaves it as it is.</summary>
public sealed record AccountChange(bool? Disabled, string? Password);

/// <summary>
/// Disables, enables or sets a new password on an administrator account of the caller's scope
/// (<see cref="Tenant.Accounts"/>). Never the caller's own account, never the last enabled platform administrator.
/// </summary>
public sealed class UpdateAccount(SwitchboardDb db, Tenant tenant, Passwords passwords)
{
    public async Task<EditResult<SignIn>> RunAsync(int id, AccountChange change, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (!caller.CanManageAccounts) return EditResult<SignIn>.NotFound($"Account {id} was not found.");
        return await db.InTransactionAsync(async () =>
        {
            var a = await tenant.Accounts.FirstOrDefaultAsync(s => s.Id == id, ct);
            if (a is null) return (false, EditResult<SignIn>.NotFound($"Account {id} was not found."));
            if (change.Disabled is null && change.Password is null)
                return (false, EditResult<SignIn>.Invalid("disabled", "Send \"disabled\" (true or false), \"password\", or both."));
            if (a.Id == caller.Id)
                return (false, EditResult<SignIn>.Conflict(change.Password is not null ? "password" : "disabled",
                    change.Password is not null ? AccountRules.OwnPassword : AccountRules.NotYourself));
            if (change.Password is not null && WebPasswordValue.Check(change.Password, a.Email, null) is { } bad)
                return (false, EditResult<SignIn>.Invalid("password", bad));
            if (change.Disabled == true && await AccountRules.IsLastAdminAsync(db, a, ct))
                return (false, EditResult<SignIn>.Conflict("disabled", AccountRules.LastAdmin));

            var changes = new AuditChanges();
            var done = new List<string>();
            if (change.Disabled is { } disable && disable != (a.DisabledAt is not null))
            {
                changes.Value("Disabled", disable ? "no" : "yes", disable ? "yes" : "no");
                a.DisabledAt = disable ? DateTime.UtcNow : null;
                // Disabling ends every session and token for good: enabling again does not bring them back.
                if (disable) a.SecurityStamp = Sessions.NewStamp();
                done.Add(disable ? "disabled" : "enabled");
            }
            if (change.Password is not null)
            {
                changes.Secret("Password");
                a.PasswordHash = passwords.Hash(change.Password);
                a.SecurityStamp = Sessions.NewStamp(); // every session and token of the old password ends
                // A new password also lifts a lockout: the administrator has just given it.
                (a.FailedSignIns, a.LockedUntil) = (0, null);
                done.Add("given a new password");
            }
            if (done.Count == 0) return (false, EditResult<SignIn>.Saved(a, $"{a.Email} is unchanged."));
            db.AuditEntries.Add(AuditLog.Entry(caller, source, a.ClientId, "account.update", "account", a.Id, a.Email, changes: changes.ToJson()));
            await db.SaveChangesAsync(ct);
            return (true, EditResult<SignIn>.Saved(a, $"{a.Email} was {string.Join(" and ", done)}."));
        }, ct);
    }
}
