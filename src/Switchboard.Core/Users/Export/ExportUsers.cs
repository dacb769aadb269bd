using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users.Export;

/// <summary>
/// Which users an export holds and its audit entries: a client administrator's own users, a
/// reseller's one client (clientId) or all of its clients (with a Client column); or a selection of
/// those users (the Users page's ticked rows).
/// </summary>
public sealed class ExportUsers(SwitchboardDb db, Tenant tenant)
{
    public sealed record Plan(IReadOnlyList<Client> Clients, bool WithClientColumn, IReadOnlyCollection<int>? UserIds = null);

    /// <summary>Most users one selection exports (a page of the Users list holds at most 200).</summary>
    public const int MaxSelected = 1000;

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

    /// <summary>
    /// The users <paramref name="ids"/> only. Null when any of them is not the caller's to see, so a
    /// selection with another tenant's ID answers like one with an ID that does not exist.
    /// </summary>
    public async Task<Plan?> PrepareSelectionAsync(IReadOnlyCollection<int> ids, bool includeSecrets, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        var distinct = ids.Distinct().ToList();
        var found = await tenant.Users.Where(u => distinct.Contains(u.Id)).Select(u => new { u.Id, u.ClientId }).ToListAsync(ct);
        if (distinct.Count == 0 || found.Count < distinct.Count) return null;
        var clientIds = found.Select(u => u.ClientId).Distinct().ToList();
        var clients = await tenant.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in clients)
        {
            var n = found.Count(u => u.ClientId == c.Id);
            db.AuditEntries.Add(AuditLog.Entry(caller, source, c.Id, "users.export",
                details: $"{n} selected user{(n == 1 ? "" : "s")}, " + (includeSecrets ? "with phone secrets and voicemail PINs" : "without secrets")));
        }
        await db.SaveChangesAsync(ct);
        return new Plan(clients, WithClientColumn: !caller.IsClient, distinct);
    }

    public Task WriteAsync(Plan plan, bool includeSecrets, Stream output, CancellationToken ct) =>
        UsersCsvExport.WriteAsync(db, plan.Clients, includeSecrets, plan.WithClientColumn, output, ct, plan.UserIds);
}
