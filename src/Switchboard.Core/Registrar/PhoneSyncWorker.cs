using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;

namespace Switchboard.Core.Registrar;

/// <summary>
/// Carries out <see cref="PhoneSync"/>'s jobs: reads the registrations afresh (a phone may have just
/// registered), sends each registered contact of a changed desk phone a NOTIFY check-sync through the
/// registrar that holds it, and then removes the registrations made with credentials that are gone.
/// A change to a group of users (a template, a phone model, a client) is looked up here, user by user
/// against the registrations, so a template of a hundred thousand users costs its save nothing.
/// </summary>
public sealed class PhoneSyncWorker(PhoneSync sync, RegistrationBook book, KamailioRpc rpc, IServiceScopeFactory scopes, ILogger<PhoneSyncWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await sync.Jobs.WaitToReadAsync(stoppingToken))
            {
                var batch = new Dictionary<AddressOfRecord, (bool Notify, bool Remove)>();
                var groups = new List<PhoneGroupJob>();
                while (sync.Jobs.TryRead(out var work))
                    if (work is PhoneJob job) Add(batch, job.Aor, job.Notify, job.Remove);
                    else if (work is PhoneGroupJob group) groups.Add(group);
                try
                {
                    await RunAsync(batch, groups, stoppingToken);
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

    private static void Add(Dictionary<AddressOfRecord, (bool Notify, bool Remove)> batch, AddressOfRecord aor, bool notify, bool remove)
    {
        var had = batch.GetValueOrDefault(aor);
        batch[aor] = (had.Notify || notify, had.Remove || remove);
    }

    private async Task RunAsync(Dictionary<AddressOfRecord, (bool Notify, bool Remove)> batch, List<PhoneGroupJob> groups, CancellationToken ct)
    {
        var snapshot = await book.ReadNowAsync(ct);
        foreach (var group in groups)
            if (snapshot.All.Count > 0) await AddGroupAsync(batch, group, snapshot, ct);
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

    /// <summary>
    /// The registered phones of a group's users: desk phones are told, and after a new SIP domain every
    /// registration under the old one goes (its HA1s are gone). Only registered users make work.
    /// </summary>
    private async Task AddGroupAsync(Dictionary<AddressOfRecord, (bool Notify, bool Remove)> batch, PhoneGroupJob group,
        RegistrationSnapshot snapshot, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var users = group.Group switch
        {
            PhoneGroup.Template => db.Users.Where(u => u.ProvisioningTemplateId == group.Id && u.PhoneModelId != null),
            PhoneGroup.PhoneModel => db.Users.Where(u => u.PhoneModelId == group.Id),
            _ => db.Users.Where(u => u.ClientId == group.Id),
        };
        var rows = from u in users.AsNoTracking()
                   join c in db.Clients on u.ClientId equals c.Id
                   select new { u.Extension, Desk = u.PhoneModelId != null, c.SipDomain };
        var remove = group.OldDomain is not null;
        await foreach (var u in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var aor = AddressOfRecord.Of(u.Extension, group.OldDomain ?? u.SipDomain);
            if ((u.Desk || remove) && snapshot.For(aor).Any()) Add(batch, aor, u.Desk, remove);
        }
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
