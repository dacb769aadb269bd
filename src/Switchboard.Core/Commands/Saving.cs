using Switchboard.Core.Data;

namespace Switchboard.Core.Commands;

public static class Saving
{
    /// <summary>
    /// Saves what is tracked, then the audit entries <paramref name="audit"/> makes (they may need
    /// the IDs the first save gave), in one transaction: a change is never stored without its entry.
    /// </summary>
    public static async Task SaveWithAuditAsync(this SwitchboardDb db, Func<IEnumerable<AuditEntry>> audit, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        db.AuditEntries.AddRange(audit());
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of its own (or the one already open), committing when it returns true.</summary>
    public static async Task<T> InTransactionAsync<T>(this SwitchboardDb db, Func<Task<(bool Commit, T Result)>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return (await work()).Result;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (commit, result) = await work();
        if (commit) await tx.CommitAsync(ct);
        return result;
    }
}
