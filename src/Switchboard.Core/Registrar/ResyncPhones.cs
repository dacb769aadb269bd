using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Registrar;

/// <summary>What <i>Resync phone</i> did: the desk phone users whose registered phones are being told, and the softphone users (told nothing).</summary>
public sealed record ResyncResult(IReadOnlyList<int> Queued, IReadOnlyList<int> Softphones);

/// <summary>
/// <i>Resync phone</i> for one user or a selection (API and pages alike): each registered desk phone of
/// the users is sent a NOTIFY check-sync, so it fetches its file now. It changes nothing stored, so
/// every administrator who sees the users may ask; each request is recorded in the audit log.
/// </summary>
public sealed class ResyncPhones(Tenant tenant, SwitchboardDb db, PhoneSync phones)
{
    public const int MaxUsers = 1000;

    /// <returns>Null with the first ID the caller cannot see (answer 404 naming it).</returns>
    public async Task<(ResyncResult? Result, int Missing)> RunAsync(IReadOnlyCollection<int> ids, string source, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var users = await (from u in tenant.Users.Where(u => distinct.Contains(u.Id))
                           join c in db.Clients on u.ClientId equals c.Id
                           join s in db.SignIns on u.Id equals s.Id
                           select new { u.Id, u.ClientId, u.Extension, u.PhoneModelId, u.FirstName, u.LastName, s.Email, c.SipDomain })
            .AsNoTracking().ToListAsync(ct);
        if (users.Count < distinct.Count) return (null, distinct.First(id => users.All(u => u.Id != id)));
        var desk = users.Where(u => u.PhoneModelId is not null).OrderBy(u => u.Id).ToList();
        phones.Resync(desk.Select(u => (u.Extension, u.SipDomain)));
        db.AuditEntries.AddRange(users.OrderBy(u => u.Id).Select(u => AuditLog.Entry(tenant.Caller, source, u.ClientId, "user.resync", "user", u.Id,
            $"{u.FirstName} {u.LastName} <{u.Email}>, extension {u.Extension}",
            u.PhoneModelId is null ? "softphone: told nothing" : "NOTIFY check-sync asked for the registered desk phone")));
        await db.SaveChangesAsync(ct);
        return (new ResyncResult([.. desk.Select(u => u.Id)], [.. users.Where(u => u.PhoneModelId is null).Select(u => u.Id).Order()]), 0);
    }
}
