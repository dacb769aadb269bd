using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Behind a load balancer the progress bar may ask another instance, which reads the job's row: on a
/// database several instances share, the count this instance keeps in <see cref="ImportProgress"/>
/// is written there every second, on a connection of its own (only while the job is running, so it
/// never overwrites the final count). Disposing stops it.
/// </summary>
public sealed class ImportProgressWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _writing;

    private ImportProgressWriter(CancellationTokenSource stop, Task writing) => (_stop, _writing) = (stop, writing);

    public static ImportProgressWriter Start(bool shared, int jobId, ImportProgress progress, IServiceScopeFactory scopes, ILogger log, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        return new ImportProgressWriter(stop, shared ? WriteAsync(jobId, progress, scopes, log, stop.Token) : Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _writing;
        _stop.Dispose();
    }

    private static async Task WriteAsync(int jobId, ImportProgress progress, IServiceScopeFactory scopes, ILogger log, CancellationToken ct)
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
}
