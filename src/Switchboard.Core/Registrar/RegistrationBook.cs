using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Registrar;

/// <summary>What the registrars held at one moment; <see cref="Complete"/> is false when one did not answer (or none is configured).</summary>
public sealed class RegistrationSnapshot(IReadOnlyList<Registration> all, IReadOnlyList<string> notAnswering, bool configured, DateTime takenAt)
{
    private readonly ILookup<AddressOfRecord, Registration> _byAor = all.ToLookup(r => r.Aor);

    public IReadOnlyList<Registration> All => all;
    public IReadOnlyList<string> NotAnswering => notAnswering;
    public bool Complete => configured && notAnswering.Count == 0;
    public DateTime TakenAt => takenAt;

    public IEnumerable<Registration> For(AddressOfRecord aor) => _byAor[aor];
}

/// <summary>
/// The registrations of every configured registrar, read in bulk (one ul.dump each, all at once) and
/// reused for <see cref="RegistrarOptions.RegistrationsCacheSeconds"/>: pages and the API never ask
/// user by user, and concurrent readers share one read. A registrar that does not answer within the
/// timeout is left out and the snapshot says it is incomplete; nothing waits longer than that.
/// </summary>
public sealed class RegistrationBook(KamailioRpc rpc, IOptions<RegistrarOptions> options, TimeProvider clock, ILogger<RegistrationBook> log)
{
    private readonly Lock _gate = new();
    private RegistrationSnapshot? _last;
    private Task<RegistrationSnapshot>? _reading;

    /// <summary>A snapshot at most a few seconds old.</summary>
    public Task<RegistrationSnapshot> GetAsync(CancellationToken ct)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && clock.GetUtcNow().UtcDateTime - last.TakenAt < TimeSpan.FromSeconds(options.Value.RegistrationsCacheSeconds))
            return Task.FromResult(last);
        return ReadAsync(fresh: false).WaitAsync(ct);
    }

    /// <summary>A snapshot read after this call (for sending phones requests: a phone may have just registered).</summary>
    public Task<RegistrationSnapshot> ReadNowAsync(CancellationToken ct) => ReadAsync(fresh: true).WaitAsync(ct);

    /// <summary>Drops the cached snapshot (after registrations were removed), so the next reader asks again.</summary>
    public void Forget() => Volatile.Write(ref _last, null);

    private Task<RegistrationSnapshot> ReadAsync(bool fresh)
    {
        lock (_gate)
        {
            // A read that started before this call may miss what changed just now, so a fresh reader does not join it.
            if (_reading is { IsCompleted: false } running && !fresh) return running;
            return _reading = ReadAllAsync();
        }
    }

    private async Task<RegistrationSnapshot> ReadAllAsync()
    {
        await Task.Yield();
        var now = clock.GetUtcNow().UtcDateTime;
        var urls = options.Value.Registrars.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct().ToArray();
        var reads = urls.Select(async url =>
        {
            try
            {
                return (url, list: await rpc.DumpAsync(url, now, CancellationToken.None));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RegistrarException or System.Text.Json.JsonException or InvalidOperationException)
            {
                log.LogWarning("Registrar {Registrar} did not answer: {Reason}", url, e.Message);
                return (url, list: (List<Registration>?)null);
            }
        }).ToList();
        var answers = await Task.WhenAll(reads);
        var snapshot = new RegistrationSnapshot(
            [.. answers.Where(a => a.list is not null).SelectMany(a => a.list!)],
            [.. answers.Where(a => a.list is null).Select(a => a.url)],
            configured: urls.Length > 0, now);
        Volatile.Write(ref _last, snapshot);
        return snapshot;
    }
}
