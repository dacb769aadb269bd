using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Runs import jobs, one at a time in this instance, each client's in upload order. Every instance
/// reads the same ImportJobs table and takes a client's lock (<see cref="Dialect.TryLockClientAsync"/>) before
/// running that client's oldest unfinished job, so a job runs on exactly one instance and one
/// client's imports never overlap. A job left "running" by a crash or a killed instance is simply
/// the oldest unfinished one of its client: its writes were never committed, so it runs again from
/// the start, here after a restart or on another instance at once.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportQueue queue, ILogger<ImportWorker> log) : BackgroundService
{
    /// <summary>How often an idle instance looks for jobs uploaded through other instances.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ran;
            try
            {
                ran = await RunOneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a moment: the jobs wait in it, so try again later.
                log.LogError(e, "Looking for import jobs failed");
                ran = false;
            }
            if (ran) continue;
            queue.DropStale(DateTime.UtcNow);
            await ExpireUndoDataAsync(stoppingToken);
            try
            {
                await queue.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private DateTime _nextExpiry;

    /// <summary>Deletes what imports kept for their undo once their window has passed (see Undo/UndoData).</summary>
    private async Task ExpireUndoDataAsync(CancellationToken ct)
    {
        if (DateTime.UtcNow < _nextExpiry) return;
        _nextExpiry = DateTime.UtcNow + Undo.UndoData.ExpireEvery;
        try
        {
            using var scope = scopes.CreateScope();
            var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Undo.UndoOptions>>().Value;
            var n = await Undo.UndoData.ExpireAsync(scope.ServiceProvider.GetRequiredService<SwitchboardDb>(), options, ct);
            if (n > 0) log.LogInformation("Deleted the undo data of {Rows} users of imports past Import:UndoDays", n);
            await ValidatedFile.ExpireAsync(scope.ServiceProvider.GetRequiredService<SwitchboardDb>(), ct);
        }
        catch (Exception e)
        {
            if (!ct.IsCancellationRequested) log.LogWarning(e, "Deleting undo data past its window failed; trying again later");
        }
    }

    /// <summary>Runs the oldest unfinished job of the first client whose lock is free; false when there was none.</summary>
    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var clients = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .OrderBy(j => j.Id).Select(j => j.ClientId).Take(500).ToListAsync(ct);
        if (clients.Count == 0) return false;
        var dialect = Dialect.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        foreach (var clientId in clients.Distinct())
        {
            if (!await dialect.TryLockClientAsync(db.Database, clientId, ct)) continue;
            try
            {
                // Read again under the lock: another instance may have finished it meanwhile.
                var next = await db.ImportJobs.AsNoTracking()
                    .Where(j => j.ClientId == clientId && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
                    .OrderBy(j => j.Id).Select(j => new { j.Id, j.Status }).FirstOrDefaultAsync(ct);
                if (next is null) continue;
                if (next.Status == ImportStatus.Running) log.LogWarning("Import {JobId} was interrupted; running it again from the start", next.Id);
                log.LogInformation("Running import {JobId} of client {ClientId}", next.Id, clientId);
                using (queue.Running())
                    await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(next.Id, ct);
                return true;
            }
            finally
            {
                await dialect.UnlockClientAsync(db.Database, clientId);
            }
        }
        return false;
    }
}
