using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>Renames a reseller (platform administrator; a reseller administrator sees its own, 403).</summary>
public sealed class UpdateReseller(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<Reseller>> RunAsync(int id, string? name, string source, CancellationToken ct)
    {
        var r = await tenant.Resellers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return EditResult<Reseller>.NotFound($"Reseller {id} was not found.");
        if (!tenant.Caller.CanManageResellers) return EditResult<Reseller>.NotOwned(ResellerRules.NotYours);
        if (name is null) return EditResult<Reseller>.Saved(r, $"Reseller \"{r.Name}\" is unchanged.");
        var checkedName = await ResellerRules.CheckNameAsync(db, name, id, ct);
        if (checkedName.Result is { } refused) return refused;
        var old = r.Name;
        if (old == checkedName.Name) return EditResult<Reseller>.Saved(r, $"Reseller \"{r.Name}\" is unchanged.");
        r.Name = checkedName.Name;
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, null, "reseller.update", "reseller", r.Id, r.Name,
            changes: new AuditChanges().Value("Name", old, r.Name).ToJson()));
        await db.SaveChangesAsync(ct);
        return EditResult<Reseller>.Saved(r, $"Reseller \"{old}\" (ID {r.Id}) is now called \"{r.Name}\".");
    }
}
