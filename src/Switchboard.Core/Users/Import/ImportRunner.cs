using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Accounts;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Runs one import job. Reading, row checks and password hashing happen first, outside any lock;
/// then one write transaction (<see cref="ImportCommit"/>) plans, writes the rows, and records the
/// report and the job's completion together. The job's row moves through <see cref="ImportJobStatus"/>;
/// its progress is kept by <see cref="ImportProgress"/> (and <see cref="ImportProgressWriter"/>);
/// a large file follows <see cref="ImportMemory"/>.
/// </summary>
public sealed class ImportRunner(SwitchboardDb db, Passwords passwords, ImportProgress progress, ImportQueue queue,
    IOptions<CsvLimits> limits, IServiceScopeFactory scopes, ILogger<ImportRunner> log, Registrar.PhoneSync phones)
{
    public async Task RunAsync(int jobId, CancellationToken ct)
    {
        var status = new ImportJobStatus(db);
        if (await status.StartAsync(jobId, ct) is not { } job) return;
        progress.Set(jobId, 0);
        var memory = new ImportMemory();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var writer = ImportProgressWriter.Start(Dialect.For(db.Database).Shared, jobId, progress, scopes, log, ct);
            // An undo queues with the client's imports and runs the same way: one transaction, again from the start after a crash.
            if (job.Kind == ImportKind.Undo) await new Undo.UndoCommit(db, log, phones).RunAsync(job, ct);
            else await RunJobAsync(job, status, memory, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // Shutting down: the job stays "running" and reruns from the start on the next start.
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {JobId} stopped", jobId);
            await status.FailAsync(jobId);
        }
        finally
        {
            progress.Clear(jobId);
            memory.AfterJob();
        }
        Metrics.SwitchboardMetrics.JobFinished(await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, ct), clock.Elapsed);
    }

    private async Task RunJobAsync(ImportJob job, ImportJobStatus status, ImportMemory memory, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        UsersCsvFile file;
        try
        {
            file = queue.Take(job.Id) is { } parsedOnUpload ? await parsedOnUpload : await ReadStoredFileAsync(job.Id, ct);
        }
        catch (CsvFileException e)
        {
            await status.RefuseAsync(job, e.Message, ct);
            return;
        }
        job.Rows = file.Inputs.Count;
        await db.SaveChangesAsync(ct);

        var parsed = clock.Elapsed;
        memory.AfterReading(file.Inputs.Count);
        // Hash new web passwords over every core before taking the write lock (a dry run writes nothing, so hashes nothing).
        var toHash = file.Inputs.Select(i => !job.DryRun && i[UserColumn.WebPassword] is { Length: >= Values.WebPasswordValue.MinLength } pw ? pw : null).ToList();
        var hashes = passwords.HashAll(toHash, n => progress.Add(job.Id, n));
        toHash = null;

        var hashed = clock.Elapsed;
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == job.ClientId, ct);
        job = await new ImportCommit(db, log, phones).RunAsync(job, client, file, hashes, memory, ct);
        log.LogInformation(
            "Import {JobId}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed; " +
            "read {Read:F2}s, passwords {Hash:F2}s, plan and write {Write:F2}s, total {Total:F2}s",
            job.Id, job.Rows, job.Created, job.Updated, job.Unchanged, job.Failed, parsed.TotalSeconds,
            (hashed - parsed).TotalSeconds, (clock.Elapsed - hashed).TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    private async Task<UsersCsvFile> ReadStoredFileAsync(int jobId, CancellationToken ct) =>
        UsersCsvFile.Parse(await db.ImportFiles.Where(f => f.ImportJobId == jobId).Select(f => f.Content).FirstAsync(ct), limits.Value);
}
