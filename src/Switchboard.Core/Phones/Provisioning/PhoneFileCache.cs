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
public sealed class PhoneFileCache(PhoneFileStamps stamps)
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

    private readonly PhoneFileStamps _stamps = stamps;
    private Generation _current = new(0);

    /// <summary>
    /// One fetch's reads, for the phone with <paramref name="mac"/> (AA:BB:CC:DD:EE:FF; null: a name with
    /// no MAC): the stamp the fetch's checks need, and the phone's file inputs.
    /// </summary>
    public Fetch Begin(string? mac) => new(this, mac);

    /// <summary>
    /// The stamp is read once, after the fetch arrived; when this phone's file is not kept, its file is
    /// read in the same batch (one wait, not two: a boot storm's first fetches would otherwise wait for
    /// the stamp's batch and then for the file's). Used by one request at a time.
    /// </summary>
    public sealed class Fetch(PhoneFileCache cache, string? mac)
    {
        private Task<(long Stamp, PhoneFile? File)>? _read;
        private bool _readFile;

        /// <summary>The stamp, read after this fetch arrived (once, however often asked).</summary>
        public async Task<long> StampAsync() => (await Read()).Stamp;

        private Task<(long Stamp, PhoneFile? File)> Read()
        {
            if (_read is not null) return _read;
            // Only a hint which read to ask for: whether what is kept is still right is the stamp's to say.
            _readFile = mac is not null && !Volatile.Read(ref cache._current).Files.ContainsKey(mac);
            return _read = cache._stamps.LoadAsync(_readFile ? mac : null);
        }

        /// <summary>The phone's file inputs as of the stamp (kept, or read with it); null when there is no such phone.</summary>
        public async ValueTask<Entry?> FindAsync()
        {
            if (mac is null) return null;
            var (stamp, file) = await Read();
            var generation = cache.Current(stamp);
            if (generation.Files.TryGetValue(mac, out var hit)) return hit;
            // Kept when the fetch arrived, dropped by the stamp it read: read it now, after that stamp.
            if (!_readFile) (stamp, file) = await cache._stamps.LoadAsync(mac);
            if (file is null) return null;
            // Read after this fetch arrived, so right for it whatever the stamp is now; kept under the stamp read with it.
            return cache.Current(stamp).Files.GetOrAdd(mac, new Entry(file));
        }
    }

    private Generation Current(long stamp)
    {
        var generation = Volatile.Read(ref _current);
        if (generation.Stamp == stamp) return generation;
        // Another stamp drops everything; a fetch that lost the race keeps nothing (a generation no one else sees).
        var fresh = new Generation(stamp);
        var seen = Interlocked.CompareExchange(ref _current, fresh, generation);
        return ReferenceEquals(seen, generation) ? fresh : seen.Stamp == stamp ? seen : new Generation(stamp);
    }

    /// <summary>How many phones' files are kept now (tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _current).Files.Count;
}
