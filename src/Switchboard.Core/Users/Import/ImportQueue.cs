namespace Switchboard.Core.Users.Import;

/// <summary>
/// Wakes this instance's worker when a job is uploaded here. The queue itself is the ImportJobs
/// table (every instance reads it), so the signal carries nothing: it only saves a poll interval.
/// </summary>
public sealed class ImportQueue
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Waits for an upload here or for the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken ct) => _signal.WaitAsync(poll, ct);
}
