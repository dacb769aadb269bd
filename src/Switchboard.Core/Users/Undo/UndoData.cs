using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Users.Undo;

/// <summary>What imports keep for their undo is deleted once Import:UndoDays have passed (the worker calls this when idle).</summary>
public static class UndoData
{
    /// <summary>How often an idle worker looks for undo data past its window.</summary>
    public static readonly TimeSpan ExpireEvery = TimeSpan.FromMinutes(10);

    public static Task<int> ExpireAsync(SwitchboardDb db, UndoOptions options, CancellationToken ct)
    {
        var cutoff = DateTime.UtcNow - options.Window;
        var past = db.ImportJobs.Where(j => j.FinishedAt != null && j.FinishedAt < cutoff).Select(j => j.Id);
        return db.ImportBeforeImages.Where(i => past.Contains(i.ImportJobId)).ExecuteDeleteAsync(ct);
    }
}
