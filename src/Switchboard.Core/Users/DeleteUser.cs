using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users;

/// <summary>
/// Deletes one user of the caller's scope (API and Users page alike) and records it, with the user's
/// last values, in the same transaction. The audit entries about the user are kept.
/// </summary>
public sealed class DeleteUser(SwitchboardDb db)
{
    /// <returns>False when the caller cannot see such a user (answer 404).</returns>
    public async Task<bool> RunAsync(Tenant tenant, int id, string source, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await tenant.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return false;
        var email = await db.SignIns.Where(s => s.Id == id).Select(s => s.Email).FirstOrDefaultAsync(ct);
        // Two deletes racing (PostgreSQL, READ COMMITTED) both read the user; only the one that removes it
        // records it. An edit committed between the read and the delete has its own entry, so the history
        // stays whole even when these last values miss it.
        if (email is null || await db.SignIns.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        var last = new UserValues
        {
            Id = user.Id, ClientId = user.ClientId, FirstName = user.FirstName, LastName = user.LastName, Email = email,
            Extension = user.Extension, Department = user.Department, Language = user.Language, PhoneModelId = user.PhoneModelId,
            ProvisioningTemplateId = user.ProvisioningTemplateId, MacAddress = user.MacAddress, UserProfileId = user.UserProfileId,
            ForwardNumber = user.ForwardNumber, FollowmeNumber = user.FollowmeNumber, DndOn = user.DndOn, CallWaitingOn = user.CallWaitingOn,
        };
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, user.ClientId, "user.delete", UserAudit.EntityType, id,
            UserAudit.Subject(last), changes: UserAudit.Deleted(last)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
