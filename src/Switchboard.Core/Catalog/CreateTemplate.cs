using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Adds a provisioning template owned by the caller's scope: the system's for the platform administrator, else its reseller's or client's.</summary>
public sealed class CreateTemplate(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<ProvisioningTemplate>> RunAsync(TemplateFields fields, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (!caller.CanManageTemplates) return EditResult<ProvisioningTemplate>.NotOwned("PBX users do not manage templates.");
        var errors = await fields.CheckAsync(db, ct);
        if (errors.Count > 0) return EditResult<ProvisioningTemplate>.Invalid(errors);
        var t = new ProvisioningTemplate
        {
            Name = fields.Name!.Trim(), PhoneModelId = fields.PhoneModelId!.Value, Body = fields.Body ?? "",
            ResellerId = caller.IsReseller ? caller.ResellerId : null,
            ClientId = caller.IsClient ? caller.ClientId : null,
        };
        db.ProvisioningTemplates.Add(t);
        await db.SaveWithAuditAsync(() => [AuditLog.Entry(caller, source, t.ClientId, "template.create", "template", t.Id, t.Name)], ct);
        return EditResult<ProvisioningTemplate>.Saved(t, $"Template \"{t.Name}\" was added with ID {t.Id}.");
    }
}
