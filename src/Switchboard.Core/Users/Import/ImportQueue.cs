using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;

namespace Switchboard.Core.Users.Import;

/// <summary>Job ids waiting to run, in upload order.</summary>
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int jobId) => _channel.Writer.TryWrite(jobId);

    public ChannelReader<int> Reader => _channel.Reader;
}

/// <summary>
/// Runs import jobs one at a time, in upload order (so one client's imports never overlap). On
/// start it first takes up jobs a crash or restart interrupted: their writes were never committed,
/// so they run again from the start.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportQueue queue, ILogger<ImportWorker> log) : BackgroundService
{
    /// <summary>Runs before the web server starts listening, so interrupted jobs keep their place ahead of new uploads.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            var pending = await db.ImportJobs
                .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
            if (pending.Count > 0) log.LogInformation("Resuming {Count} import job(s) interrupted or queued before start", pending.Count);
            foreach (var id in pending) queue.Enqueue(id);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Import job {JobId} could not be run", id);
            }
        }
    }
}
