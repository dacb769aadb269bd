using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>
/// Renames a client and changes its default language and SIP domain (its reseller's administrators and
/// the platform administrator). A new SIP domain is where every user of the client registers from then on.
/// </summary>
public sealed class UpdateClient(SwitchboardDb db, Tenant tenant, IOptions<SipOptions> sip)
{
    public async Task<EditResult<Client>> RunAsync(int id, ClientFields fields, string source, CancellationToken ct)
    {
        var client = await tenant.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null) return EditResult<Client>.NotFound($"Client {id} was not found.");
        if (!tenant.Caller.CanManageClients) return EditResult<Client>.NotOwned(ClientRules.NotYours);
        var v = await fields.CheckAsync(db, sip.Value, client.ResellerId, client, ct);
        if (v.Errors.Count > 0) return EditResult<Client>.Invalid(v.Errors);
        if (v.Conflict is { } c) return EditResult<Client>.Conflict(c.Field, c.Message);
        var changes = new AuditChanges()
            .Value("Name", client.Name, v.Name)
            .Value("Default Language", client.DefaultLanguage, v.Language)
            .Value("SIP Domain", client.SipDomain, v.Domain);
        if (client.Name == v.Name && client.DefaultLanguage == v.Language && client.SipDomain == v.Domain)
            return EditResult<Client>.Saved(client, $"Client \"{client.Name}\" is unchanged.");
        (client.Name, client.DefaultLanguage, client.SipDomain) = (v.Name, v.Language, v.Domain);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, client.Id, "client.update", "client", client.Id, client.Name, changes: changes.ToJson()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return EditResult<Client>.Conflict("sipDomain", "Another client took this name or SIP domain at the same moment. Try again.");
        }
        return EditResult<Client>.Saved(client, $"Client \"{client.Name}\" (ID {client.Id}) was saved.");
    }
}
