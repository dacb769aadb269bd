using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>
/// Deletes a client without users (its reseller's administrators and the platform administrator), with
/// its administrator accounts, templates, profiles and import history; its audit entries stay (they
/// name the client by ID and keep what they said).
/// </summary>
public sealed class DeleteClient(SwitchboardDb db, Tenant tenant)
{
    public async Task<DeleteResult> RunAsync(int id, string source, CancellationToken ct)
    {
        var client = await tenant.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null) return DeleteResult.NotFound($"Client {id} was not found.");
        if (!tenant.Caller.CanManageClients) return DeleteResult.NotOwned(ClientRules.NotYours);
        try
        {
            return await db.InTransactionAsync(() => DeleteAsync(client, source, ct), ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Something was added to the client between the checks and the delete (a user, by an edit or an import).
            db.ChangeTracker.Clear();
            return DeleteResult.InUse($"Client \"{client.Name}\" changed while it was being deleted (a user or import was just added). Look again and retry.");
        }
    }

    private async Task<(bool, DeleteResult)> DeleteAsync(Client client, string source, CancellationToken ct)
    {
        var id = client.Id;
        var users = await db.Users.CountAsync(u => u.ClientId == id, ct);
        if (users > 0)
            return (false, DeleteResult.InUse($"Client \"{client.Name}\" still has {users} user(s). Delete them first (export them first to keep a copy)."));
        var running = await db.ImportJobs.CountAsync(j => j.ClientId == id && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running), ct);
        if (running > 0)
            return (false, DeleteResult.InUse($"Client \"{client.Name}\" has {running} import(s) queued or running. Wait until they finish."));
        var templates = db.ProvisioningTemplates.Where(t => t.ClientId == id);
        var templateUsers = await db.Users.CountAsync(u => u.ProvisioningTemplateId != null && templates.Select(t => t.Id).Contains(u.ProvisioningTemplateId.Value), ct);
        if (templateUsers > 0)
            return (false, DeleteResult.InUse($"{templateUsers} user(s) of other clients use templates of client \"{client.Name}\". Move them to other templates first."));

        var stamp = AuditStamp.Of(tenant.Caller, source);
        var admins = await AccountRemoval.RemoveAsync(db, stamp, db.SignIns.Where(s => s.Role != Roles.User && s.ClientId == id), ct);
        var removedTemplates = await templates.ExecuteDeleteAsync(ct);
        var profiles = await db.UserProfiles.Where(p => p.ClientId == id).ExecuteDeleteAsync(ct);
        var jobs = db.ImportJobs.Where(j => j.ClientId == id);
        await db.ImportFiles.Where(f => jobs.Select(j => j.Id).Contains(f.ImportJobId)).ExecuteDeleteAsync(ct);
        // What its imports kept for their undo goes with them (product.md).
        await db.ImportBeforeImages.Where(i => jobs.Select(j => j.Id).Contains(i.ImportJobId)).ExecuteDeleteAsync(ct);
        var imports = await jobs.ExecuteDeleteAsync(ct);
        await db.Clients.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(stamp, id, "client.delete", "client", id, client.Name,
            details: $"with {admins} administrator account(s), {removedTemplates} template(s), {profiles} profile(s), {imports} import(s)"));
        await db.SaveChangesAsync(ct);
        return (true, DeleteResult.Deleted($"Client \"{client.Name}\" (ID {id}) was deleted, with {admins} administrator account(s), " +
                                           $"{removedTemplates} template(s), {profiles} profile(s) and {imports} import(s) of its history."));
    }
}
