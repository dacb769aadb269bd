using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Renames a user profile the caller can see; names are unique within a client.</summary>
public sealed class RenameProfile(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<UserProfile>> RunAsync(int id, string? newName, string source, CancellationToken ct)
    {
        var p = await tenant.Profiles.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return EditResult<UserProfile>.NotFound($"User profile {id} was not found.");
        if (!tenant.Caller.CanManageProfiles) return EditResult<UserProfile>.NotOwned(ProfileRules.ResellersOnlyView);
        var name = newName?.Trim();
        if (string.IsNullOrEmpty(name))
            return EditResult<UserProfile>.Invalid(new Dictionary<string, string[]> { ["name"] = ["Enter a name for the profile."] });
        if (await db.UserProfiles.AnyAsync(x => x.ClientId == p.ClientId && x.Name == name && x.Id != id, ct))
            return EditResult<UserProfile>.Conflict("name", $"A profile named \"{name}\" already exists.");
        var old = p.Name;
        p.Name = name;
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, p.ClientId, "profile.update", "profile", p.Id, name,
            changes: new AuditChanges().Value("Name", old, name).ToJson()));
        await db.SaveChangesAsync(ct);
        return EditResult<UserProfile>.Saved(p, $"Profile \"{old}\" (ID {p.Id}) is now called \"{name}\".");
    }
}
