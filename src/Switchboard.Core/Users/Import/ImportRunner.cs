using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Runs one import job. Reading, row checks and password hashing happen first, outside any lock;
/// then one write transaction loads the state, plans, writes the rows, and records the report and
/// the job's completion together, so a crash leaves either all of it or none (and the job reruns).
/// </summary>
public sealed class ImportRunner(SwitchboardDb db, Passwords passwords, ImportProgress progress, ImportQueue queue,
    IOptions<CsvLimits> limits, IServiceScopeFactory scopes, ILogger<ImportRunner> log)
{
    public async Task RunAsync(int jobId, CancellationToken ct)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is ImportStatus.Completed or ImportStatus.Failed) return;
        job.Status = ImportStatus.Running;
        job.StartedAt = DateTime.UtcNow;
        job.Processed = 0;
        await db.SaveChangesAsync(ct);
        progress.Set(jobId, 0);
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progressWriter = Dialect.For(db.Database).Shared ? WriteProgressAsync(jobId, stopProgress.Token) : Task.CompletedTask;
        try
        {
            await RunJobAsync(job, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // Shutting down: the job stays "running" and reruns from the start on the next start.
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {JobId} stopped", jobId);
            db.ChangeTracker.Clear();
            var failed = await db.ImportJobs.FirstAsync(j => j.Id == jobId, CancellationToken.None);
            failed.Status = ImportStatus.Failed;
            failed.Message = "The import stopped because of an internal error; nothing from this file was applied. Try again, or contact support if it happens again.";
            failed.Created = failed.Updated = failed.Unchanged = failed.Failed = 0;
            failed.FinishedAt = DateTime.UtcNow;
            await ForgetFileAsync(jobId, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progressWriter;
            progress.Clear(jobId);
            // A large import leaves hundreds of MB of dead rows behind; free them now rather than carrying
            // the grown heap into the next job. Not the aggressive mode: it hands the memory back to the
            // system, and the next large import then spends ~0.15 s taking it again (measured).
            CollectIfLarge();
        }
    }

    /// <summary>
    /// Behind a load balancer the progress bar may ask another instance, which reads the job's row:
    /// on PostgreSQL the count is written there every second, on a connection of its own (only
    /// while the job is running, so it never overwrites the final count).
    /// </summary>
    private async Task WriteProgressAsync(int jobId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                using var scope = scopes.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
                var n = progress.Get(jobId) ?? 0;
                await other.ImportJobs.Where(j => j.Id == jobId && j.Status == ImportStatus.Running && j.Processed != n)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.Processed, n), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Import {JobId}: progress could not be written; the job goes on", jobId);
        }
    }

    /// <summary>The uploaded bytes may hold secrets in plain text: a finished job keeps none of them.</summary>
    private Task ForgetFileAsync(int jobId, CancellationToken ct) =>
        db.ImportFiles.Where(f => f.ImportJobId == jobId).ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, Array.Empty<byte>()), ct);

    private async Task<UsersCsvFile> ReadStoredFileAsync(int jobId, CancellationToken ct) =>
        UsersCsvFile.Parse(await db.ImportFiles.Where(f => f.ImportJobId == jobId).Select(f => f.Content).FirstAsync(ct), limits.Value);

    private async Task RunJobAsync(ImportJob job, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        UsersCsvFile file;
        try
        {
            file = queue.Take(job.Id) is { } parsedOnUpload ? await parsedOnUpload : await ReadStoredFileAsync(job.Id, ct);
        }
        catch (CsvFileException e)
        {
            job.Status = ImportStatus.Failed;
            job.Message = e.Message;
            job.FinishedAt = DateTime.UtcNow;
            await ForgetFileAsync(job.Id, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        job.Rows = file.Inputs.Count;
        await db.SaveChangesAsync(ct);

        var parsed = clock.Elapsed;
        _large = file.Inputs.Count >= LargeFile;
        CollectIfLarge();
        // Hash new web passwords over every core before taking the write lock (a dry run writes nothing, so hashes nothing).
        var toHash = file.Inputs.Select(i => !job.DryRun && i[UserColumn.WebPassword] is { Length: >= Values.WebPasswordValue.MinLength } pw ? pw : null).ToList();
        var hashes = passwords.HashAll(toHash, n => progress.Add(job.Id, n));
        toHash = null;

        var hashed = clock.Elapsed;
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == job.ClientId, ct);
        await db.Database.OpenConnectionAsync(ct);
        using var session = Dialect.For(db.Database).BulkSession(db.Database.GetDbConnection());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync(job, client, file, hashes, ct);
                break;
            }
            catch (Exception e) when (attempt < MaxAttempts && UserBatch.LostRace(db, e))
            {
                // Another writer took a unique value this file wanted after it was planned: plan again
                // on the new state, where that row now fails with the usual cause.
                log.LogWarning("Import {JobId} lost a race with a concurrent change (attempt {Attempt}); planning again", job.Id, attempt);
                db.ChangeTracker.Clear();
                job = await db.ImportJobs.FirstAsync(j => j.Id == job.Id, ct);
            }
        }
        log.LogInformation(
            "Import {JobId}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed; " +
            "read {Read:F2}s, passwords {Hash:F2}s, plan and write {Write:F2}s, total {Total:F2}s",
            job.Id, job.Rows, job.Created, job.Updated, job.Unchanged, job.Failed, parsed.TotalSeconds,
            (hashed - parsed).TotalSeconds, (clock.Elapsed - hashed).TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    private const int MaxAttempts = 5;

    /// <summary>
    /// From this many rows on, full collections between the phases keep the peak memory down (measured:
    /// 100k rows stay under 500 MB); below it they would cost most of a small import's time.
    /// </summary>
    private const int LargeFile = 20_000;

    private bool _large;

    private void CollectIfLarge()
    {
        if (_large) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>One transaction: plan on the current state, write, and record the report and the job's completion.</summary>
    private async Task CommitAsync(ImportJob job, Client client, UsersCsvFile file, IReadOnlyList<string?> hashes, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new UserBatch(db, client);
        var plans = batch.Plan(file.Inputs, forWriting: !job.DryRun);
        // SQLite's writer needs the planning garbage gone to stay under its memory bar; PostgreSQL's
        // streams by COPY and stays well under it without (measured), sparing ~0.1 s inside the transaction.
        if (Dialect.For(db.Database).CollectBeforeBulkWrite) CollectIfLarge();
        for (var i = 0; i < plans.Count; i++) plans[i].NewPasswordHash = plans[i].NewPassword is null ? null : hashes[i];
        var now = DateTime.UtcNow;
        var stamp = new AuditStamp(job.SignInId, job.RunBy, $"import {job.Id}", job.Address);
        if (!job.DryRun) batch.Apply(plans, now, stamp);

        var report = ImportReport.From(plans, file.Warnings);
        job.Processed = plans.Count;
        job.Created = plans.Count(p => p.Outcome == RowOutcome.Created);
        job.Updated = plans.Count(p => p.Outcome == RowOutcome.Updated);
        job.Unchanged = plans.Count(p => p.Outcome == RowOutcome.Unchanged);
        job.Failed = plans.Count(p => p.Outcome == RowOutcome.Failed);
        job.Warnings = report.Warnings.Count;
        job.ReportJson = report.ToJson();
        job.Status = ImportStatus.Completed;
        job.FinishedAt = now;
        var failedRows = job.Failed > 0 ? FailedRowsCsv.Write(file, plans) : null;
        // The upload may hold passwords, secrets and PINs: it is kept only until the job is done.
        await db.ImportFiles.Where(f => f.ImportJobId == job.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, Array.Empty<byte>()).SetProperty(f => f.FailedRowsCsv, failedRows), ct);
        if (!job.DryRun)
            db.AuditEntries.Add(AuditLog.Entry(stamp, job.ClientId, "users.import", "import", job.Id, job.FileName,
                $"created {job.Created}, updated {job.Updated}, unchanged {job.Unchanged}, failed {job.Failed}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
