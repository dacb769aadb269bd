using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// What a successful fetch records on the user: the client address as its IP address, and the time
/// and User-Agent of the fetch. Fetches are collected in memory (the latest per user wins) and
/// written about every second in one transaction, so a boot storm of thousands of phones costs a
/// few batched writes instead of one per request. The write touches only these three columns: a
/// fetch is not a change to the user's data (no audit entry; nothing that marks a user changed).
/// </summary>
public sealed class FetchRecorder(IServiceScopeFactory scopes, ILogger<FetchRecorder> log) : BackgroundService
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    public const int MaxUserAgent = 256;

    /// <summary>The key, then the three columns a fetch writes.</summary>
    private static readonly BulkColumn[] Columns =
    [
        new("Id", ColumnType.Int), new("IpAddress", ColumnType.Text), new("ProvisionedAt", ColumnType.Time), new("ProvisionedUserAgent", ColumnType.Text),
    ];

    private sealed record Fetch(string? Address, DateTime At, string? UserAgent);

    private ConcurrentDictionary<int, Fetch> _pending = new();

    public void Record(int userId, string? address, string? userAgent)
    {
        if (userAgent is { Length: > MaxUserAgent }) userAgent = userAgent[..MaxUserAgent];
        var fetch = new Fetch(address, DateTime.UtcNow, userAgent);
        var pending = Volatile.Read(ref _pending);
        pending[userId] = fetch;
        // A flush may have taken that dictionary away while we wrote to it (and enumerated past our entry):
        // write to the new one too. Written twice at worst, never lost.
        if (!ReferenceEquals(pending, Volatile.Read(ref _pending))) Volatile.Read(ref _pending).TryAdd(userId, fetch);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(FlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) await FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException) { }
        // What came in since the last tick is written before the host stops.
        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.IsEmpty) return;
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<int, Fetch>());
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = batch.ToArray();
            // The dialect's bulk update: a set-based UPDATE on PostgreSQL, prepared commands on SQLite.
            Dialect.For(db.Database).Update(db.Database.GetDbConnection(), tx.GetDbTransaction(), "Users", Columns, rows.Length, (i, w) =>
            {
                var (userId, f) = rows[i];
                w.Int(userId);
                w.Text(f.Address);
                w.Time(f.At);
                w.Text(f.UserAgent);
            });
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            // Put the batch back (newer fetches win) and try again at the next tick.
            foreach (var (userId, f) in batch) _pending.TryAdd(userId, f);
            log.LogWarning(e, "Recording {Count} provisioning fetches failed; retrying", batch.Count);
        }
    }
}
