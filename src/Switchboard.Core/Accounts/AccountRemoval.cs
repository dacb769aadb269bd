using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Deletes administrator accounts with one "account.delete" audit entry each. That entry is how the
/// audit log still knows, after the sign-in is gone, who the account was (its email and role): every
/// entry it made keeps its actor, shown to whom the role allows (see <see cref="ReadAuditLog"/>).
/// </summary>
public static class AccountRemoval
{
    public const string Action = "account.delete";

    public static async Task<int> RemoveAsync(SwitchboardDb db, AuditStamp stamp, IQueryable<SignIn> accounts, CancellationToken ct)
    {
        var gone = await accounts.AsNoTracking().Select(s => new { s.Id, s.Email, s.Role, s.ClientId }).ToListAsync(ct);
        if (gone.Count == 0) return 0;
        var ids = gone.Select(g => g.Id).ToList();
        await db.SignIns.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
        db.AuditEntries.AddRange(gone.Select(g => AuditLog.Entry(stamp, g.ClientId, Action, "account", g.Id, g.Email, details: g.Role)));
        await db.SaveChangesAsync(ct);
        return gone.Count;
    }
}
