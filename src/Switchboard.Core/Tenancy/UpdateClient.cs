using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Registrar;
using Switchboard.Core.Sip;

namespace Switchboard.Core.Tenancy;

/// <summary>
/// Renames a client and changes its default language and SIP domain (its reseller's administrators and
/// the platform administrator). A new SIP domain is where every user of the client registers from then on.
/// Each of the three is in the client's desk phones' files, so they are told to fetch them again.
/// </summary>
public sealed class UpdateClient(SwitchboardDb db, Tenant tenant, IOptions<SipOptions> sip, PhoneSync phones)
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
        var oldDomain = client.SipDomain;
        var newDomain = oldDomain != v.Domain;
        (client.Name, client.DefaultLanguage, client.SipDomain) = (v.Name, v.Language, v.Domain);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, client.Id, "client.update", "client", client.Id, client.Name, changes: changes.ToJson()));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The client's row first: writers of its users hold it shared while they write their HA1s
            // (Sip/SipCredentials), so they finish before, or start after, the new domain's HA1s are written.
            await Dialect.For(db.Database).LockRowsAsync(db.Database, "Clients", $"t.\"Id\" = {client.Id}", ct);
            await db.SaveChangesAsync(ct);
            // The realm is in every HA1: the registrar accepts the users' secrets in the new domain, and no longer in the old one.
            if (newDomain) await SipCredentials.RewriteAsync(db, client.Id, missingOnly: false, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return EditResult<Client>.Conflict("sipDomain", "Another client took this name or SIP domain at the same moment. Try again.");
        }
        // Registered under the old domain, the phones are told there; those registrations no longer authenticate and go.
        phones.AfterClientChange(client.Id, newDomain ? oldDomain : null);
        return EditResult<Client>.Saved(client, $"Client \"{client.Name}\" (ID {client.Id}) was saved.");
    }
}
