using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Ending every portal session and API token of an account at once: its <see cref="SignIn.SecurityStamp"/>
/// changes, and every token issued under the old one is refused from the next request on, on every
/// instance (<see cref="Tokens.ResolveAsync"/> compares them in the database). Whatever writes a new
/// password hash, disables an account or signs it out everywhere gives it a new stamp in the same write:
/// <see cref="UpdateAccount"/> for administrator accounts, <c>Users/Storage/UserApplier</c> for PBX users
/// (API, pages, self-service and imports all write through it). Deleting an account deletes its tokens.
/// </summary>
public static class Sessions
{
    public const string SignOutEverywhereAction = "account.sign-out-everywhere";

    /// <summary>A stamp no account has had: it only needs to differ from the one it replaces, and never leaves the server.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>*Sign out everywhere*: the caller's own sessions and tokens end, the one it asks with included (audited).</summary>
    public static async Task SignOutEverywhereAsync(SwitchboardDb db, Caller caller, string source, CancellationToken ct)
    {
        await db.SignIns.Where(s => s.Id == caller.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, NewStamp()), ct);
        db.AuditEntries.Add(AuditLog.Entry(caller, source, caller.ClientId, SignOutEverywhereAction,
            caller.Role == Roles.User ? "user" : "account", caller.Id, caller.Email));
        await db.SaveChangesAsync(ct);
    }
}
