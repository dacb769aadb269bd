using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Core.Registrar;

/// <summary>
/// Carries out <see cref="PhoneSync"/>'s jobs: reads the registrations afresh (a phone may have just
/// registered), sends each registered contact of a changed desk phone a NOTIFY check-sync through the
/// registrar that holds it, and then removes the registrations made with credentials that are gone.
/// </summary>
public sealed class PhoneSyncWorker(PhoneSync sync, RegistrationBook book, KamailioRpc rpc, ILogger<PhoneSyncWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await sync.Jobs.WaitToReadAsync(stoppingToken))
            {
                var batch = new Dictionary<AddressOfRecord, (bool Notify, bool Remove)>();
                while (sync.Jobs.TryRead(out var job))
                {
                    var had = batch.GetValueOrDefault(job.Aor);
                    batch[job.Aor] = (had.Notify || job.Notify, had.Remove || job.Remove);
                }
                try
                {
                    await RunAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "Telling {Count} phones about changes failed", batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Dictionary<AddressOfRecord, (bool Notify, bool Remove)> batch, CancellationToken ct)
    {
        var snapshot = await book.ReadNowAsync(ct);
        var (notified, removed) = (0, 0);
        foreach (var (aor, (notify, remove)) in batch)
        {
            var registrations = snapshot.For(aor).ToList();
            if (registrations.Count == 0) continue;
            if (notify)
                foreach (var r in registrations)
                    if (await TryAsync(() => rpc.NotifyCheckSyncAsync(r, ct), "NOTIFY check-sync to", aor, r.Registrar)) notified++;
            if (remove)
                foreach (var registrar in registrations.Select(r => r.Registrar).Distinct())
                    if (await TryAsync(() => rpc.RemoveAsync(registrar, aor, ct), "removing the registrations of", aor, registrar)) removed++;
        }
        if (removed > 0) book.Forget();
        if (notified + removed > 0)
            log.LogInformation("Phones told about changes: {Notified} NOTIFY check-sync sent, {Removed} addresses of record unregistered", notified, removed);
    }

    private async Task<bool> TryAsync(Func<Task> call, string what, AddressOfRecord aor, string registrar)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RegistrarException or System.Text.Json.JsonException)
        {
            log.LogWarning("Registrar {Registrar}: {What} {Aor} failed: {Reason}", registrar, what, aor, e.Message);
            return false;
        }
    }
}
