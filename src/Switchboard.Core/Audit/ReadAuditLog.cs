using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Audit;

/// <summary>An audit entry as one caller may read it (see <see cref="ReadAuditLog"/>).</summary>
public sealed record AuditView(AuditEntry Entry, int? ActorId, string Actor, string? Address, IReadOnlyList<AuditChange> Changes);

/// <summary>
/// One page of the audit log for the API and the page alike. Entries come through the tenant's walls
/// (<see cref="Tenant.AuditEntries"/>); an actor outside what the caller can see (a client reading what
/// its reseller's or the platform's administrators did) is shown by role only, without email, ID or
/// address, as everywhere else that other scopes' accounts are hidden. Entries keep their actor's email
/// after the account is deleted: a deleted administrator's role is read from its "account.delete" entry
/// (see Accounts.AccountRemoval), and it stays hidden from whom it outranks (a deleted reseller
/// administrator from client administrators; a deleted platform administrator from everyone else). An
/// actor without such an entry was a PBX user, who only ever changes itself in its own client.
/// </summary>
public sealed class ReadAuditLog(SwitchboardDb db, Tenant tenant)
{
    public async Task<(IReadOnlyList<AuditView> Items, int Total)> RunAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var q = filter.Apply(tenant.AuditEntries.AsNoTracking());
        var total = await q.CountAsync(ct);
        var entries = await q.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var actors = entries.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).Distinct().ToList();
        // The actors hidden from the caller, with their roles (the platform administrator sees everyone).
        var roles = new Dictionary<int, string>();
        if (!tenant.Caller.IsAdmin && actors.Count > 0)
        {
            var visible = await tenant.Accounts.Where(s => actors.Contains(s.Id)).Select(s => s.Id)
                .Concat(tenant.Users.Where(u => actors.Contains(u.Id)).Select(u => u.Id)).ToListAsync(ct);
            roles = await db.SignIns.Where(s => actors.Contains(s.Id) && !visible.Contains(s.Id))
                .ToDictionaryAsync(s => s.Id, s => s.Role, ct);
            var alive = await db.SignIns.Where(s => actors.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var gone = actors.Except(alive).ToList();
            if (gone.Count > 0)
            {
                var deleted = await db.AuditEntries.AsNoTracking()
                    .Where(a => a.EntityId != null && gone.Contains(a.EntityId.Value) && a.EntityType == "account" && a.Action == Accounts.AccountRemoval.Action)
                    .Select(a => new { Id = a.EntityId!.Value, Role = a.Details ?? "" }).ToListAsync(ct);
                foreach (var d in deleted.Where(d => Outranks(d.Role, tenant.Caller.Role))) roles[d.Id] = d.Role;
            }
        }
        var items = entries.Select(e => e.ActorId is { } id && roles.TryGetValue(id, out var role)
            ? new AuditView(e, null, Hidden(role), null, AuditChanges.Read(e.Changes))
            : new AuditView(e, e.ActorId, e.Actor, e.Address, AuditChanges.Read(e.Changes))).ToList();
        return (items, total);
    }

    private static int Rank(string role) => role switch { Roles.Admin => 3, Roles.Reseller => 2, Roles.Client => 1, _ => 0 };

    private static bool Outranks(string role, string than) => Rank(role) > Rank(than);

    private static string Hidden(string role) => role switch
    {
        Roles.Admin => "a platform administrator",
        Roles.Reseller => "a reseller administrator",
        _ => "an administrator of another scope",
    };
}
