using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Adds a user profile to a client: a client administrator's own, or one the platform administrator names.</summary>
public sealed class CreateProfile(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<UserProfile>> RunAsync(int? clientId, string? name, string source, CancellationToken ct)
    {
        if (!tenant.Caller.CanSeeAdministration) return EditResult<UserProfile>.NotOwned("PBX users do not manage profiles.");
        var client = tenant.ClientFor(clientId);
        if (client is null)
            return clientId is null
                ? EditResult<UserProfile>.Invalid("clientId", "Give the client's ID.")
                : EditResult<UserProfile>.NotFound($"Client {clientId} was not found.");
        if (!tenant.Caller.CanManageProfiles) return EditResult<UserProfile>.NotOwned(ProfileRules.ResellersOnlyView);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) return EditResult<UserProfile>.Invalid("name", "Enter a name for the profile.");
        if (await db.UserProfiles.AnyAsync(p => p.ClientId == client.Id && p.Name == name, ct))
            return EditResult<UserProfile>.Conflict("name", $"A profile named \"{name}\" already exists.");
        var p = new UserProfile { ClientId = client.Id, Name = name };
        db.UserProfiles.Add(p);
        await db.SaveWithAuditAsync(() => [AuditLog.Entry(tenant.Caller, source, client.Id, "profile.create", "profile", p.Id, name)], ct);
        return EditResult<UserProfile>.Saved(p, $"Profile \"{name}\" was added with ID {p.Id}.");
    }
}
