using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users;

/// <summary>
/// Deletes one user of the caller's scope (API and Users page alike) and records it, with the user's
/// last values, in the same transaction. The audit entries about the user are kept.
/// </summary>
public sealed class DeleteUser(SwitchboardDb db, PhoneSync phones)
{
    /// <returns>False when the caller cannot see such a user (answer 404).</returns>
    public async Task<bool> RunAsync(Tenant tenant, int id, string source, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await tenant.Users.AnyAsync(u => u.Id == id, ct)) return false;
        var last = await StoredUsers.FindAsync(db, id, ct);
        // Two deletes racing (PostgreSQL, READ COMMITTED) both read the user; only the one that removes it
        // records it. An edit committed between the read and the delete has its own entry, so the history
        // stays whole even when these last values miss it.
        if (last is null || await db.SignIns.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        Phones.Provisioning.PhoneFileStamps.StampAtCommit(db);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, last.ClientId, "user.delete", UserAudit.EntityType, id,
            UserAudit.Subject(last), changes: UserAudit.Deleted(last)));
        await db.SaveChangesAsync(ct);
        var domain = await db.Clients.Where(c => c.Id == last.ClientId).Select(c => c.SipDomain).FirstAsync(ct);
        await tx.CommitAsync(ct);
        phones.AfterDelete(last, domain);
        return true;
    }
}
