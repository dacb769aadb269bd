using Switchboard.Core.Csv;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Wakes this instance's worker when a job is uploaded here. The queue itself is the ImportJobs
/// table (every instance reads it), so the signal carries nothing but a head start: while the
/// upload is being stored, an idle instance parses it for its own worker, which then neither reads
/// the file back nor parses it again (0.4 s of a 100k-row import). A job run on another instance,
/// or after a restart, reads the stored file as before.
/// </summary>
public sealed class ImportQueue
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();
    private (int JobId, Task<UsersCsvFile> File, DateTime At)? _parsed;
    private int _running;

    public void Notify()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Waits for an upload here or for the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken ct) => _signal.WaitAsync(poll, ct);

    /// <summary>
    /// Starts parsing job <paramref name="jobId"/>'s file, only when this instance runs no job and
    /// holds no other parsed file: the worker would parse it next anyway, so memory never holds two.
    /// </summary>
    public void Offer(int jobId, byte[] content, CsvLimits limits)
    {
        lock (_lock)
        {
            if (_running > 0 || _parsed is not null) return;
            _parsed = (jobId, Task.Run(() => UsersCsvFile.Parse(content, limits)), DateTime.UtcNow);
        }
    }

    /// <summary>The upload was not stored (its job ID may be given again, on SQLite): drop its parse.</summary>
    public void Forget(int jobId)
    {
        lock (_lock)
        {
            if (_parsed?.JobId == jobId) _parsed = null;
        }
    }

    /// <summary>The file of <paramref name="jobId"/> as parsed on upload, or null: read and parse the stored one.</summary>
    public Task<UsersCsvFile>? Take(int jobId)
    {
        lock (_lock)
        {
            var parsed = _parsed;
            // A parse held for a job that runs elsewhere is dropped by the next job here.
            _parsed = null;
            return parsed?.JobId == jobId ? parsed.Value.File : null;
        }
    }

    /// <summary>How long an idle worker keeps a parsed upload it has not taken (its job ran on another instance).</summary>
    public static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Called by the idle worker: drops a parsed upload held longer than <see cref="HoldAtMost"/>. Its job
    /// ran elsewhere, and it holds the file's secrets in plain text and blocks parsing the next upload here.
    /// </summary>
    public void DropStale(DateTime now)
    {
        lock (_lock)
        {
            if (_parsed is { } p && now - p.At > HoldAtMost) _parsed = null;
        }
    }

    /// <summary>Marks this instance's worker busy with a job until disposed.</summary>
    public IDisposable Running()
    {
        lock (_lock) _running++;
        return new Done(this);
    }

    private sealed class Done(ImportQueue queue) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                lock (queue._lock) queue._running--;
        }
    }
}
