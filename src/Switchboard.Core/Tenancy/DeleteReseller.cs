using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>
/// Deletes a reseller that has no clients left (platform administrator), with its administrator
/// accounts and its templates; its audit entries stay.
/// </summary>
public sealed class DeleteReseller(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var r = await tenant.Resellers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return DeleteResult.NotFound($"Reseller {id} was not found.");
        if (!tenant.Caller.CanManageResellers) return DeleteResult.NotOwned(ResellerRules.NotYours);
        try
        {
            return await db.InTransactionAsync(() => DeleteAsync(r, source, ct), ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            db.ChangeTracker.Clear();
            return DeleteResult.InUse($"Reseller \"{r.Name}\" changed while it was being deleted (a client was just added). Look again and retry.");
        }
    }

    private async Task<(bool, DeleteResult)> DeleteAsync(Reseller r, string source, CancellationToken ct)
    {
        var id = r.Id;
        var clients = await db.Clients.Where(c => c.ResellerId == id).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
        if (clients.Count > 0)
            return (false, DeleteResult.InUse($"Reseller \"{r.Name}\" still has {clients.Count} client(s): {Names(clients)}. Delete them first."));
        var templates = db.ProvisioningTemplates.Where(t => t.ResellerId == id && t.ClientId == null);
        var used = await db.Users.CountAsync(u => u.ProvisioningTemplateId != null && templates.Select(t => t.Id).Contains(u.ProvisioningTemplateId.Value), ct);
        if (used > 0)
            return (false, DeleteResult.InUse($"{used} user(s) still use templates of reseller \"{r.Name}\". Move them to other templates first."));
        var stamp = AuditStamp.Of(tenant.Caller, source);
        await AccountRemoval.RemoveAsync(db, stamp, db.SignIns.Where(s => s.Role == Roles.Reseller && s.ResellerId == id), ct);
        var removed = await templates.ExecuteDeleteAsync(ct);
        await db.Resellers.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(stamp, null, "reseller.delete", "reseller", id, r.Name,
            details: removed > 0 ? $"with {removed} template(s)" : null));
        await db.SaveChangesAsync(ct);
        return (true, DeleteResult.Deleted($"Reseller \"{r.Name}\" (ID {id}) was deleted."));
    }

    internal static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5).Select(n => $"\"{n}\"")) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");
}
