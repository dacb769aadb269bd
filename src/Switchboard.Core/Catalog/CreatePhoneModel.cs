using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Catalog;

/// <summary>Adds a phone model to the catalog (platform administrator).</summary>
public sealed class CreatePhoneModel(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<PhoneModel>> RunAsync(PhoneModelFields fields, string source, CancellationToken ct)
    {
        if (!tenant.Caller.CanManagePhoneModels) return EditResult<PhoneModel>.NotOwned(PhoneModelFields.NotYours);
        var (vendor, model, errors, conflict) = await fields.CheckAsync(db, null, ct);
        if (errors.Count > 0) return EditResult<PhoneModel>.Invalid(errors);
        if (conflict is not null) return EditResult<PhoneModel>.Conflict("model", conflict);
        var m = new PhoneModel { Vendor = vendor, Model = model };
        db.PhoneModels.Add(m);
        await db.SaveWithAuditAsync(() => [AuditLog.Entry(tenant.Caller, source, null, "phone-model.create", "phone-model", m.Id, $"{vendor} {model}")], ct);
        return EditResult<PhoneModel>.Saved(m, $"{vendor} {model} was added with ID {m.Id}.");
    }
}
