using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Deletes a provisioning template the caller's scope owns, unless users still use it.</summary>
public sealed class DeleteTemplate(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var t = await tenant.Templates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return new(DeleteOutcome.NotFound, $"Provisioning template {id} was not found.");
        if (!tenant.Owns(t)) return new(DeleteOutcome.NotOwned, "This template belongs to another scope (system or reseller).");
        var users = await db.Users.CountAsync(u => u.ProvisioningTemplateId == id, ct);
        if (users > 0) return new(DeleteOutcome.InUse, $"{users} user(s) use template {id}. Move them to another template first.");
        db.ProvisioningTemplates.Remove(t);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, t.ClientId, "template.delete", "template", t.Id, t.Name));
        await db.SaveChangesAsync(ct);
        return new(DeleteOutcome.Deleted, $"Template {id} was deleted.");
    }
}
