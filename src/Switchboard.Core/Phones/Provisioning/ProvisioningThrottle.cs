using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// Failures per client address (a 404, or a 401 to a request that carried credentials) and 404s
/// per reseller's credentials (someone guessing MACs), each in a sliding window, per instance like
/// the sign-in limit. Successes and the first, credential-less step of Digest never count, so a
/// building of phones behind one NAT address is not throttled for succeeding.
/// </summary>
public sealed class ProvisioningThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<int> _byCredential;

    public ProvisioningThrottle(IOptions<ProvisioningOptions> options)
    {
        var o = options.Value;
        Window = TimeSpan.FromSeconds(o.WindowSeconds);
        _byAddress = PartitionedRateLimiter.Create<string, string>(a => RateLimitPartition.GetSlidingWindowLimiter(a, _ => Options(o.MaxFailuresPerAddress)));
        _byCredential = PartitionedRateLimiter.Create<int, int>(r => RateLimitPartition.GetSlidingWindowLimiter(r, _ => Options(o.MaxNotFoundPerCredential)));
    }

    // "More than N failures" answers 429: the limiter lets N + 1 through.
    private SlidingWindowRateLimiterOptions Options(int limit) => new()
    {
        PermitLimit = limit + 1, Window = Window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
    };

    public TimeSpan Window { get; }

    public bool AddressBlocked(string address) => Blocked(_byAddress, address);

    public void AddressFailed(string address) => Take(_byAddress, address);

    public bool CredentialBlocked(int resellerId) => Blocked(_byCredential, resellerId);

    public void CredentialNotFound(int resellerId) => Take(_byCredential, resellerId);

    private static bool Blocked<T>(PartitionedRateLimiter<T> limiter, T key)
    {
        using var probe = limiter.AttemptAcquire(key, 0);
        return !probe.IsAcquired;
    }

    private static void Take<T>(PartitionedRateLimiter<T> limiter, T key)
    {
        using var _ = limiter.AttemptAcquire(key, 1);
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byCredential.Dispose();
    }
}
