using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>Adds a client to a reseller: a reseller administrator's own, or the one the platform administrator names.</summary>
public sealed class CreateClient(SwitchboardDb db, Tenant tenant, IOptions<SipOptions> sip)
{
    public async Task<EditResult<Client>> RunAsync(int? resellerId, ClientFields fields, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (!caller.CanManageClients) return EditResult<Client>.NotOwned(ClientRules.NotYours);
        var rid = caller.IsReseller ? resellerId ?? caller.ResellerId : resellerId;
        if (rid is null || !await tenant.Resellers.AnyAsync(r => r.Id == rid, ct))
            return caller.IsReseller
                ? EditResult<Client>.NotFound($"Reseller {rid} was not found.")
                : EditResult<Client>.Invalid("resellerId", "Give the ID of the reseller that owns the client.");
        var v = await fields.CheckAsync(db, sip.Value, rid.Value, null, ct);
        if (v.Errors.Count > 0) return EditResult<Client>.Invalid(v.Errors);
        if (v.Conflict is { } c) return EditResult<Client>.Conflict(c.Field, c.Message);
        var client = new Client { Name = v.Name, ResellerId = rid.Value, DefaultLanguage = v.Language, SipDomain = v.Domain };
        db.Clients.Add(client);
        try
        {
            await db.SaveWithAuditAsync(() => [AuditLog.Entry(caller, source, client.Id, "client.create", "client", client.Id, client.Name,
                details: $"SIP domain {client.SipDomain}, default language {client.DefaultLanguage}")], ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return EditResult<Client>.Conflict("name", "Another client with this name or SIP domain was added at the same moment. Try again.");
        }
        return EditResult<Client>.Saved(client, $"Client \"{client.Name}\" was added with ID {client.Id} (SIP domain {client.SipDomain}).");
    }
}

public static class ClientRules
{
    public const string NotYours =
        "Clients are created, changed and deleted by their reseller's administrators and the platform administrator; a client's administrators see it.";
}
