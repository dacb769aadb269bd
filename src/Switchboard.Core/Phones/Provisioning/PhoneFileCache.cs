using System.Collections.Concurrent;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// What a desk phone's file is made of (<see cref="PhoneFile"/>: the user with its secret opened, its
/// email, client, vendor and template), kept in memory by MAC, with the file last rendered from it, so
/// a boot storm's fetches read no database row but the stamp. Everything kept belongs to one
/// <see cref="PhoneFileStamps"/> value: when the stamp changes (any change to any phone's file, on any
/// instance), the whole lot is dropped and files are read again as phones ask for them. Only phones
/// that exist are kept (a MAC guesser fills nothing), and what is kept is only found by its own MAC:
/// the endpoint checks the reseller, vendor and User-Agent on every fetch as before.
/// </summary>
public sealed class PhoneFileCache
{
    /// <summary>A phone's file inputs and the last rendering of them (for the provisioning URL and SIP server it was made with).</summary>
    public sealed class Entry(PhoneFile file)
    {
        public PhoneFile File { get; } = file;
        private Rendered? _rendered;

        public byte[]? RenderedFor(string provisioningUrl, string? sipServer) =>
            Volatile.Read(ref _rendered) is { } r && r.Url == provisioningUrl && r.SipServer == sipServer ? r.Body : null;

        public void KeepRendered(string provisioningUrl, string? sipServer, byte[] body) =>
            Volatile.Write(ref _rendered, new Rendered(provisioningUrl, sipServer, body));

        private sealed record Rendered(string Url, string? SipServer, byte[] Body);
    }

    private sealed class Generation(long stamp)
    {
        public long Stamp { get; } = stamp;
        public ConcurrentDictionary<string, Entry> Files { get; } = new(StringComparer.Ordinal);
    }

    private Generation _current = new(0);

    /// <summary>
    /// The file inputs of the phone with <paramref name="mac"/> (AA:BB:CC:DD:EE:FF) as of <paramref name="stamp"/>
    /// (read after the fetch arrived), loaded with <paramref name="load"/> when not kept; null when there is no such phone.
    /// </summary>
    public async ValueTask<Entry?> FindAsync(string mac, long stamp, Func<string, CancellationToken, Task<PhoneFile?>> load, CancellationToken ct)
    {
        var generation = Volatile.Read(ref _current);
        if (generation.Stamp != stamp)
        {
            // A newer stamp drops everything; a fetch holding an older one (a read that finished late) keeps nothing.
            var fresh = new Generation(stamp);
            var seen = Interlocked.CompareExchange(ref _current, fresh, generation);
            generation = ReferenceEquals(seen, generation) ? fresh : seen.Stamp == stamp ? seen : new Generation(stamp);
        }
        if (generation.Files.TryGetValue(mac, out var hit)) return hit;
        // Read after the stamp: what it finds is at least as new as the stamp says, so keeping it under that stamp is right.
        var file = await load(mac, ct);
        if (file is null) return null;
        var entry = new Entry(file);
        return generation.Files.GetOrAdd(mac, entry);
    }

    /// <summary>How many phones' files are kept now (tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _current).Files.Count;
}
