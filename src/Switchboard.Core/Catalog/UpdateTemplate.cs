using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>
/// Changes the name, phone model and body of a provisioning template the caller's scope owns. A new body
/// is in every file rendered from it, so the registered desk phones of its users are told (by the worker, however many).
/// </summary>
public sealed class UpdateTemplate(SwitchboardDb db, Tenant tenant, PhoneSync phones)
{
    public async Task<EditResult<ProvisioningTemplate>> RunAsync(int id, TemplateFields fields, string source, CancellationToken ct)
    {
        var t = await tenant.Templates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return EditResult<ProvisioningTemplate>.NotFound($"Provisioning template {id} was not found.");
        if (!tenant.Owns(t))
            return EditResult<ProvisioningTemplate>.NotOwned("This template belongs to another scope (system or reseller); copy it to change it.");
        var errors = await fields.CheckAsync(db, ct);
        if (errors.Count > 0) return EditResult<ProvisioningTemplate>.Invalid(errors);
        // A user's template must fit the user's phone model, so the model stays while users rely on it.
        if (t.PhoneModelId != fields.PhoneModelId && await db.Users.AnyAsync(u => u.ProvisioningTemplateId == id, ct))
            return EditResult<ProvisioningTemplate>.Conflict("phoneModelId", "Users use this template, so its phone model cannot change.");
        var newName = fields.Name!.Trim();
        var newBody = fields.Body ?? "";
        var changes = new AuditChanges()
            .Value("Name", t.Name, newName)
            .Value("Phone Model ID", t.PhoneModelId.ToString(CultureInfo.InvariantCulture), fields.PhoneModelId!.Value.ToString(CultureInfo.InvariantCulture));
        var bodyChanged = t.Body != newBody;
        if (bodyChanged) changes.Value("Body", $"{t.Body.Length} characters", $"{newBody.Length} characters, edited");
        t.Name = newName;
        t.PhoneModelId = fields.PhoneModelId!.Value;
        t.Body = newBody;
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, t.ClientId, "template.update", "template", t.Id, t.Name, changes: changes.ToJson()));
        await db.SaveChangesAsync(ct);
        if (bodyChanged) phones.AfterTemplateChange(t.Id);
        return EditResult<ProvisioningTemplate>.Saved(t, $"Template \"{t.Name}\" (ID {t.Id}) was saved.");
    }
}
