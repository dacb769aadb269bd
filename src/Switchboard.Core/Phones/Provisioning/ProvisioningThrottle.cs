using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// Failures per client address (a 404, or a 401 to a request that carried credentials) and 404s
/// per reseller's credentials (someone guessing MACs), each in a sliding window, per instance like
/// the sign-in limit. Successes and the first, credential-less step of Digest never count, so a
/// building of phones behind one NAT address is not throttled for succeeding. Only keys that failed
/// are kept (a boot storm of thousands of addresses that all succeed allocates nothing here).
/// </summary>
public sealed class ProvisioningThrottle(IOptions<ProvisioningOptions> options)
{
    private readonly ProvisioningOptions _o = options.Value;
    private readonly Failures<string> _byAddress = new();
    private readonly Failures<int> _byCredential = new();

    public TimeSpan Window => TimeSpan.FromSeconds(_o.WindowSeconds);

    public bool AddressBlocked(string address) => _byAddress.Over(address, _o.MaxFailuresPerAddress, Window);

    public void AddressFailed(string address) => _byAddress.Add(address, _o.MaxFailuresPerAddress, Window);

    public bool CredentialBlocked(int resellerId) => _byCredential.Over(resellerId, _o.MaxNotFoundPerCredential, Window);

    public void CredentialNotFound(int resellerId) => _byCredential.Add(resellerId, _o.MaxNotFoundPerCredential, Window);

    /// <summary>The times of each key's last failures (at most limit + 1 kept): "more than limit within the window" is exact.</summary>
    private sealed class Failures<TKey> where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, Queue<long>> _times = new();
        private long _lastSweep = Environment.TickCount64;

        public bool Over(TKey key, int limit, TimeSpan window)
        {
            if (!_times.TryGetValue(key, out var q)) return false;
            lock (q) return Count(q, window) > limit;
        }

        public void Add(TKey key, int limit, TimeSpan window)
        {
            var q = _times.GetOrAdd(key, _ => new Queue<long>());
            lock (q)
            {
                Count(q, window);
                q.Enqueue(Environment.TickCount64);
                while (q.Count > limit + 1) q.Dequeue();
            }
            Sweep(window);
        }

        private static int Count(Queue<long> q, TimeSpan window)
        {
            var since = Environment.TickCount64 - (long)window.TotalMilliseconds;
            while (q.Count > 0 && q.Peek() <= since) q.Dequeue();
            return q.Count;
        }

        // Keys whose failures all left the window are dropped now and then, so memory follows the failing keys of the last window.
        private void Sweep(TimeSpan window)
        {
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _lastSweep);
            if (now - last < (long)window.TotalMilliseconds || Interlocked.CompareExchange(ref _lastSweep, now, last) != last) return;
            foreach (var (key, q) in _times)
                lock (q)
                    if (Count(q, window) == 0) _times.TryRemove(key, out _);
        }
    }
}
