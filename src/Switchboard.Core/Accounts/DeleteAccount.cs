using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Deletes an administrator account of the caller's scope (never its own, never the last enabled
/// platform administrator). What it did stays in the audit log under its email (see <see cref="AccountRemoval"/>).
/// </summary>
public sealed class DeleteAccount(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (!caller.CanManageAccounts) return DeleteResult.NotFound($"Account {id} was not found.");
        return await db.InTransactionAsync(async () =>
        {
            var a = await tenant.Accounts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (a is null) return (false, DeleteResult.NotFound($"Account {id} was not found."));
            if (a.Id == caller.Id) return (false, DeleteResult.InUse(AccountRules.NotYourself));
            if (await AccountRules.IsLastAdminAsync(db, a, ct)) return (false, DeleteResult.InUse(AccountRules.LastAdmin));
            await AccountRemoval.RemoveAsync(db, AuditStamp.Of(caller, source), db.SignIns.Where(s => s.Id == id), ct);
            return (true, DeleteResult.Deleted($"{a.Email} was deleted; what it did stays in the audit log under its email."));
        }, ct);
    }
}
