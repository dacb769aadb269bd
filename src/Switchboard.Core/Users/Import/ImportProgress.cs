using System.Collections.Concurrent;

namespace Switchboard.Core.Users.Import;

/// <summary>Rows processed by jobs running in this process, so progress moves without writing to the database per row.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, int> _processed = new();

    public void Set(int jobId, int processed) => _processed[jobId] = processed;

    public int Add(int jobId, int rows) => _processed.AddOrUpdate(jobId, rows, (_, v) => v + rows);

    public int? Get(int jobId) => _processed.TryGetValue(jobId, out var v) ? v : null;

    public void Clear(int jobId) => _processed.TryRemove(jobId, out _);

    /// <summary>Rows done so far: live while the job runs here, else what the job recorded.</summary>
    public int Processed(Data.ImportJob job) =>
        job.Status == Data.ImportStatus.Running ? Get(job.Id) ?? job.Processed : job.Processed;
}
