using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users.Undo;

/// <summary>
/// An undo's one write transaction, like an import's (<see cref="ImportCommit"/>): read what the
/// import kept and the users as they are now (locked), plan, write through the one applier, record
/// the report, mark the import undone and delete what it kept. A crash leaves all of it or none, and
/// the job runs again from the start.
/// </summary>
public sealed class UndoCommit(SwitchboardDb db, ILogger log, Registrar.PhoneSync? phones = null)
{
    private const int MaxAttempts = 5;

    public async Task RunAsync(ImportJob undo, CancellationToken ct)
    {
        var dialect = Dialect.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        using var session = dialect.BulkSession(db.Database.GetDbConnection());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync(undo, dialect, ct);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && dialect.LostRace(e))
            {
                log.LogWarning("Undo {JobId} lost a race with a concurrent change (attempt {Attempt}); planning again", undo.Id, attempt);
                db.ChangeTracker.Clear();
                undo = await db.ImportJobs.FirstAsync(j => j.Id == undo.Id, ct);
            }
        }
    }

    private async Task CommitAsync(ImportJob undo, Dialect dialect, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = await db.ImportJobs.FirstAsync(j => j.Id == undo.Undoes, ct);
        var now = DateTime.UtcNow;
        if (target.UndoneBy is { } by)
        {
            undo.Status = ImportStatus.Failed;
            undo.Message = $"Import {target.Id} was already undone (job {by}); this undo changed nothing.";
            undo.FinishedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return;
        }
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == undo.ClientId, ct);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        var images = BeforeImages.Load(connection, transaction, target.Id);
        var loaded = clock.Elapsed;
        List<int> ids = [.. images.Select(i => i.UserId)];
        // The client first, then the users (as an import takes them); the users before reading the audit log, so a
        // change that commits meanwhile is in it (or waits for this undo).
        var batch = new UserBatch(db, client);
        batch.LockClient();
        var state = new SqlUserState(connection, transaction, dialect, lockUsers: true);
        var current = state.UsersById(client.Id, ids);
        BeforeImages.Open(connection, transaction, target.Id, images, current);
        var hashes = BeforeImages.PasswordHashes(connection, transaction, dialect, ids);
        var later = BeforeImages.LaterChanges(connection, transaction, dialect, target.Id, ids);
        var read = clock.Elapsed;
        var plans = UndoPlanner.Plan(PlanContextLoader.Load(db, client), state, images, current, hashes, later);
        var planned = clock.Elapsed;

        var stamp = new AuditStamp(undo.SignInId, undo.RunBy, BeforeImages.SourceOf(target.Id), undo.Address);
        batch.Apply(plans, now, stamp);
        var written = clock.Elapsed;

        var deleted = plans.Count(p => p.Outcome == RowOutcome.Deleted);
        var restored = plans.Count(p => p.Outcome is RowOutcome.Updated or RowOutcome.Unchanged);
        undo.Rows = undo.Processed = plans.Count;
        undo.Reverted = deleted + restored;
        undo.Failed = plans.Count(p => p.Outcome == RowOutcome.Failed);
        undo.ReportJson = ImportReport.From(plans, []).ToJson();
        undo.Status = ImportStatus.Completed;
        undo.FinishedAt = now;
        target.UndoneBy = undo.Id;
        // Kept only for this undo: the secrets it held go now.
        await db.ImportBeforeImages.Where(i => i.ImportJobId == target.Id).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(stamp, client.Id, "users.undo", "import", target.Id, target.FileName,
            $"deleted {deleted}, restored {restored}, not reverted {undo.Failed}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        phones?.AfterChanges(plans, client.SipDomain);
        log.LogInformation("Undo {JobId} of import {ImportId}: {Deleted} deleted, {Restored} restored, {Failed} not reverted; " +
                           "before-images {Load:F2}s, users and audit {Read:F2}s, plan {Plan:F2}s, write {Write:F2}s, report and commit {Commit:F2}s, total {Total:F2}s",
            undo.Id, target.Id, deleted, restored, undo.Failed, loaded.TotalSeconds, (read - loaded).TotalSeconds, (planned - read).TotalSeconds,
            (written - planned).TotalSeconds, (clock.Elapsed - written).TotalSeconds, clock.Elapsed.TotalSeconds);
    }
}
