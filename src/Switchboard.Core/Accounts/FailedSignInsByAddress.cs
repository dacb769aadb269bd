using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Counts failed sign-ins per client address in a sliding window (per instance: a guess-many-
/// accounts attack is slowed on each instance it reaches; each account's lockout is in the
/// database and holds everywhere). Only failures count, so colleagues behind one address who sign
/// in correctly never use it up.
/// </summary>
public sealed class FailedSignInsByAddress : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public FailedSignInsByAddress(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        Window = TimeSpan.FromSeconds(o.AddressWindowSeconds);
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.MaxFailuresPerAddress, Window = Window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    public TimeSpan Window { get; }

    /// <summary>True when the address has used up its failures for now.</summary>
    public bool IsBlocked(IPAddress? address)
    {
        using var probe = _limiter.AttemptAcquire(Key(address), 0);
        return !probe.IsAcquired;
    }

    public void Record(IPAddress? address)
    {
        using var _ = _limiter.AttemptAcquire(Key(address), 1);
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
