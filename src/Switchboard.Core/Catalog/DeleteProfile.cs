using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Deletes a user profile the caller can see, unless users still use it.</summary>
public sealed class DeleteProfile(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var p = await tenant.Profiles.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return new(DeleteOutcome.NotFound, $"User profile {id} was not found.");
        if (!tenant.Caller.CanManageProfiles) return new(DeleteOutcome.NotOwned, ProfileRules.ResellersOnlyView);
        var users = await db.Users.CountAsync(u => u.UserProfileId == id, ct);
        if (users > 0) return new(DeleteOutcome.InUse, $"{users} user(s) use profile {id}. Move them to another profile first.");
        db.UserProfiles.Remove(p);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, p.ClientId, "profile.delete", "profile", p.Id, p.Name));
        await db.SaveChangesAsync(ct);
        return new(DeleteOutcome.Deleted, $"Profile {id} was deleted.");
    }
}
