using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>
/// Renames a phone model (its vendor and model); templates and users keep pointing at it by ID. The vendor
/// decides which file names its phones are answered under, so after a new vendor its desk phones are told
/// to fetch again; the model's name is in no file.
/// </summary>
public sealed class UpdatePhoneModel(SwitchboardDb db, Tenant tenant, PhoneSync phones)
{
    public async Task<EditResult<PhoneModel>> RunAsync(int id, PhoneModelFields fields, string source, CancellationToken ct)
    {
        var m = tenant.Caller.CanSeeAdministration ? await db.PhoneModels.FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (m is null) return EditResult<PhoneModel>.NotFound($"Phone model {id} was not found.");
        if (!tenant.Caller.CanManagePhoneModels) return EditResult<PhoneModel>.NotOwned(PhoneModelFields.NotYours);
        var (vendor, model, errors, conflict) = await fields.CheckAsync(db, m, ct);
        if (errors.Count > 0) return EditResult<PhoneModel>.Invalid(errors);
        if (conflict is not null) return EditResult<PhoneModel>.Conflict("model", conflict);
        var changes = new AuditChanges().Value("Vendor", m.Vendor, vendor).Value("Model", m.Model, model);
        var vendorChanged = !string.Equals(m.Vendor, vendor, StringComparison.OrdinalIgnoreCase);
        (m.Vendor, m.Model) = (vendor, model);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, null, "phone-model.update", "phone-model", m.Id, $"{vendor} {model}", changes: changes.ToJson()));
        await db.SaveChangesAsync(ct);
        if (vendorChanged) phones.AfterPhoneModelChange(m.Id);
        return EditResult<PhoneModel>.Saved(m, $"Phone model {m.Id} is now {vendor} {model}.");
    }
}
