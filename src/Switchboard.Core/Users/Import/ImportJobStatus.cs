using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// An import job's row through its life: running, then completed with its counts and report, or
/// failed with a message. The uploaded bytes may hold passwords, secrets and PINs in plain text: a
/// finished job keeps none of them.
/// </summary>
public sealed class ImportJobStatus(SwitchboardDb db)
{
    public const string InternalError =
        "The import stopped because of an internal error; nothing from this file was applied. Try again, or contact support if it happens again.";

    public const string UndoInternalError =
        "The undo stopped because of an internal error; nothing of it was applied. Try again, or contact support if it happens again.";

    /// <summary>Marks the job running (from the start, also when it was interrupted); null when there is nothing to run.</summary>
    public async Task<ImportJob?> StartAsync(int jobId, CancellationToken ct)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is ImportStatus.Completed or ImportStatus.Failed) return null;
        job.Status = ImportStatus.Running;
        job.StartedAt = DateTime.UtcNow;
        job.Processed = 0;
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>The whole file is refused (<paramref name="message"/> says why and how to fix it).</summary>
    public async Task RefuseAsync(ImportJob job, string message, CancellationToken ct)
    {
        job.Status = ImportStatus.Failed;
        job.Message = message;
        job.FinishedAt = DateTime.UtcNow;
        await ForgetFileAsync(job.Id, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The job stopped on an internal error: nothing of it was applied (its transaction rolled back).</summary>
    public async Task FailAsync(int jobId)
    {
        db.ChangeTracker.Clear();
        var failed = await db.ImportJobs.FirstAsync(j => j.Id == jobId, CancellationToken.None);
        failed.Status = ImportStatus.Failed;
        failed.Message = failed.Kind == ImportKind.Undo ? UndoInternalError : InternalError;
        failed.Created = failed.Updated = failed.Unchanged = failed.Failed = failed.Reverted = 0;
        failed.FinishedAt = DateTime.UtcNow;
        await ForgetFileAsync(jobId, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The job's counts, report and completion, saved with the rows it wrote (see <see cref="ImportCommit"/>).</summary>
    public static void Complete(ImportJob job, IReadOnlyList<RowPlan> plans, ImportReport report, DateTime now)
    {
        job.Processed = plans.Count;
        job.Created = plans.Count(p => p.Outcome == RowOutcome.Created);
        job.Updated = plans.Count(p => p.Outcome == RowOutcome.Updated);
        job.Unchanged = plans.Count(p => p.Outcome == RowOutcome.Unchanged);
        job.Failed = plans.Count(p => p.Outcome == RowOutcome.Failed);
        job.Warnings = report.Warnings.Count;
        job.ReportJson = report.ToJson();
        job.Status = ImportStatus.Completed;
        job.FinishedAt = now;
    }

    /// <summary>Empties the stored upload.</summary>
    public Task ForgetFileAsync(int jobId, CancellationToken ct) =>
        db.ImportFiles.Where(f => f.ImportJobId == jobId).ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, Array.Empty<byte>()), ct);

    /// <summary>
    /// Empties the stored upload and keeps the file of failed rows (null when none failed) in its place;
    /// a validation without failed rows keeps its upload sealed instead (<paramref name="keep"/>, see ValidatedFile).
    /// </summary>
    public Task ReplaceFileAsync(int jobId, byte[]? failedRowsCsv, CancellationToken ct, byte[]? keep = null) =>
        db.ImportFiles.Where(f => f.ImportJobId == jobId)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, keep ?? Array.Empty<byte>()).SetProperty(f => f.FailedRowsCsv, failedRowsCsv), ct);
}
