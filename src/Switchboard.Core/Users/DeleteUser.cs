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

    /// <summary>Most users one selection deletes (a page of the Users list holds at most 200).</summary>
    public const int MaxSelected = 1000;

    /// <summary>
    /// Deletes a selection (the Users page's ticked rows), each user through <see cref="RunAsync"/> as the
    /// API deletes one. When any ID is not the caller's to see, nothing is deleted and that ID is answered
    /// (404, as for an ID that does not exist).
    /// </summary>
    /// <returns>How many were deleted (fewer when another request deleted some first), or the first ID not found.</returns>
    public async Task<(int Deleted, int? Missing)> RunManyAsync(Tenant tenant, IReadOnlyCollection<int> ids, string source, CancellationToken ct)
    {
        var distinct = ids.Distinct().Order().ToList();
        var found = await tenant.Users.Where(u => distinct.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (distinct.Count == 0) return (0, null);
        var missing = distinct.Where(id => !found.Contains(id)).Select(id => (int?)id).FirstOrDefault();
        if (missing is not null) return (0, missing);
        var deleted = 0;
        foreach (var id in distinct)
            if (await RunAsync(tenant, id, source, ct)) deleted++;
        return (deleted, null);
    }
}
