using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users.Export;

/// <summary>
/// Which users an export holds and its audit entries: a client administrator's own users, a
/// reseller's one client (clientId) or all of its clients (with a Client column).
/// </summary>
public sealed class ExportUsers(SwitchboardDb db, Tenant tenant)
{
    public sealed record Plan(IReadOnlyList<Client> Clients, bool WithClientColumn);

    /// <summary>Null when the named client is not visible to the caller (answer as not found).</summary>
    public async Task<Plan?> PrepareAsync(int? clientId, bool includeSecrets, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        List<Client> clients;
        if (clientId is not null || caller.IsClient)
        {
            if (tenant.ClientFor(clientId) is not { } client) return null;
            clients = [client];
        }
        else clients = await tenant.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in clients)
            db.AuditEntries.Add(AuditLog.Entry(caller, source, c.Id, "users.export",
                details: includeSecrets ? "with phone secrets and voicemail PINs" : "without secrets"));
        await db.SaveChangesAsync(ct);
        return new Plan(clients, WithClientColumn: clientId is null && !caller.IsClient);
    }

    public Task WriteAsync(Plan plan, bool includeSecrets, Stream output, CancellationToken ct) =>
        UsersCsvExport.WriteAsync(db, plan.Clients, includeSecrets, plan.WithClientColumn, output, ct);
}
