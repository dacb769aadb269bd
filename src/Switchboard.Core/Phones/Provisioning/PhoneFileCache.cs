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

    private Generation _current = new(0);

    /// <summary>
    /// The file inputs of the phone with <paramref name="mac"/> (AA:BB:CC:DD:EE:FF) as of <paramref name="stamp"/>
    /// (read after the fetch arrived), read with the next shared batch when not kept; null when there is no such phone.
    /// </summary>
    public async ValueTask<Entry?> FindAsync(string mac, long stamp)
    {
        var generation = Current(stamp);
        if (generation.Files.TryGetValue(mac, out var hit)) return hit;
        var (loadedUnder, file) = await stamps.LoadAsync(mac);
        if (file is null) return null;
        // Read after this fetch arrived, so right for it whatever the stamp is now; kept under the stamp read with it.
        var entry = new Entry(file);
        return Current(loadedUnder).Files.GetOrAdd(mac, entry);
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
