using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Registrar;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// An import's one write transaction: plan on the current state, write the rows, and record the
/// report and the job's completion, so a crash leaves either all of it or none (and the job reruns).
/// A transaction that loses a race with a concurrent change is planned again on the new state.
/// </summary>
public sealed class ImportCommit(SwitchboardDb db, ILogger log, PhoneSync? phones = null)
{
    private const int MaxAttempts = 5;

    /// <returns>The job as recorded (read again after a lost race).</returns>
    public async Task<ImportJob> RunAsync(ImportJob job, Client client, UsersCsvFile file, IReadOnlyList<string?> hashes,
        ImportMemory memory, CancellationToken ct)
    {
        var dialect = Dialect.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        using var session = dialect.BulkSession(db.Database.GetDbConnection());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync(job, client, file, hashes, () => memory.BeforeWriting(dialect.CollectBeforeBulkWrite), ct);
                return job;
            }
            catch (Exception e) when (attempt < MaxAttempts && dialect.LostRace(e))
            {
                // Another writer took a unique value this file wanted after it was planned: plan again
                // on the new state, where that row now fails with the usual cause.
                log.LogWarning("Import {JobId} lost a race with a concurrent change (attempt {Attempt}); planning again", job.Id, attempt);
                db.ChangeTracker.Clear();
                job = await db.ImportJobs.FirstAsync(j => j.Id == job.Id, ct);
            }
        }
    }

    private async Task CommitAsync(ImportJob job, Client client, UsersCsvFile file, IReadOnlyList<string?> hashes, Action planned, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new UserBatch(db, client);
        var plans = batch.Plan(file.Inputs, forWriting: !job.DryRun);
        planned();
        for (var i = 0; i < plans.Count; i++) plans[i].NewPasswordHash = plans[i].NewPassword is null ? null : hashes[i];
        var now = DateTime.UtcNow;
        var stamp = new AuditStamp(job.SignInId, job.RunBy, $"import {job.Id}", job.Address);
        if (!job.DryRun) batch.Apply(plans, now, stamp, beforeImagesOf: job.Id);

        ImportJobStatus.Complete(job, plans, ImportReport.From(plans, file.Warnings), now);
        await new ImportJobStatus(db).ReplaceFileAsync(job.Id, job.Failed > 0 ? FailedRowsCsv.Write(file, plans) : null, ct,
            keep: ValidatedFile.Keeps(job) ? await ValidatedFile.SealAsync(db, job.Id, ct) : null);
        if (!job.DryRun)
            db.AuditEntries.Add(AuditLog.Entry(stamp, job.ClientId, "users.import", "import", job.Id, job.FileName,
                $"created {job.Created}, updated {job.Updated}, unchanged {job.Unchanged}, failed {job.Failed}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (!job.DryRun) phones?.AfterChanges(plans, client.SipDomain);
    }
}
