using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Deletes a phone model no template and no user uses (platform administrator).</summary>
public sealed class DeletePhoneModel(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var m = tenant.Caller.CanSeeAdministration ? await db.PhoneModels.FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (m is null) return DeleteResult.NotFound($"Phone model {id} was not found.");
        if (!tenant.Caller.CanManagePhoneModels) return DeleteResult.NotOwned(PhoneModelFields.NotYours);
        // Counted over every tenant: only the platform administrator gets this far, and it sees them all.
        var templates = await db.ProvisioningTemplates.CountAsync(t => t.PhoneModelId == id, ct);
        var users = await db.Users.CountAsync(u => u.PhoneModelId == id, ct);
        if (templates + users > 0)
            return DeleteResult.InUse($"{m.Vendor} {m.Model} (ID {id}) is still used by {templates} template(s) and {users} user(s). " +
                                      "Move them to another phone model (or delete the templates) first.");
        db.PhoneModels.Remove(m);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, null, "phone-model.delete", "phone-model", m.Id, $"{m.Vendor} {m.Model}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A template or user took it up between the count and the delete.
            db.ChangeTracker.Clear();
            return DeleteResult.InUse($"{m.Vendor} {m.Model} (ID {id}) was just taken into use. Try again once nothing uses it.");
        }
        return DeleteResult.Deleted($"{m.Vendor} {m.Model} (ID {id}) was deleted.");
    }
}
