using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// The one value that says whether what provisioning keeps in memory (<see cref="PhoneFileCache"/>,
/// <see cref="ProvisioningAccounts"/>) is still right: <see cref="PhoneFileStamp.Stamp"/> gets a new
/// random value in the same transaction as every change to a phone's file or to provisioning
/// credentials, on whichever instance made it, so one small read tells every instance. Fetches read it
/// (and the files of phones not kept) in shared batches: the fetches that arrive while a batch is
/// being read wait for the next one, which starts when it ends. So each fetch sees a stamp and files
/// read after it arrived (a change committed before it arrived is never missing), and a storm costs
/// two queries per batch, not per fetch, on one connection kept open while batches keep coming.
/// </summary>
public sealed class PhoneFileStamps : IAsyncDisposable
{
    public const int RowId = 1;

    /// <summary>How long the reading connection stays open with no fetch to read for.</summary>
    private static readonly TimeSpan KeepIdle = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory scopes;
    private readonly Timer _idleTimer;
    private Reader? _idle;
    private long _idleSince;
    private bool _disposed;

    public PhoneFileStamps(IServiceScopeFactory scopes)
    {
        this.scopes = scopes;
        _idleTimer = new Timer(CloseIdle, null, KeepIdle, KeepIdle);
    }

    private sealed record Ask(string? Mac, TaskCompletionSource<(long Stamp, PhoneFile? File)> Done);

    private readonly Lock _gate = new();
    private bool _reading;
    private List<Ask> _queue = [];

    /// <summary>The stamp and the file inputs of the phone with <paramref name="mac"/> (null: none, or no MAC given), both read after this call began.</summary>
    public Task<(long Stamp, PhoneFile? File)> LoadAsync(string? mac) => Enqueue(mac);

    private Task<(long Stamp, PhoneFile? File)> Enqueue(string? mac)
    {
        var ask = new Ask(mac, new TaskCompletionSource<(long, PhoneFile?)>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queue.Add(ask);
            start = !_reading;
            _reading = true;
        }
        // Off the caller's thread: on SQLite reads complete synchronously, and the loop would keep this request serving others.
        if (start) _ = Task.Run(ReadLoopAsync);
        return ask.Done.Task;
    }

    private async Task ReadLoopAsync()
    {
        // The connection left open by the last loop, if any: a storm's batches come one after another, and
        // opening a connection for each (on SQLite: open, settings, close) would cost more than the reads.
        Reader? reader;
        lock (_gate) (reader, _idle) = (_idle, null);
        while (true)
        {
            List<Ask> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _reading = false;
                    _idle = reader;
                    _idleSince = Environment.TickCount64;
                    return;
                }
                (batch, _queue) = (_queue, []);
            }
            List<string> macs = [.. batch.Where(a => a.Mac is not null).Select(a => a.Mac!).Distinct(StringComparer.Ordinal)];
            try
            {
                (long Stamp, Dictionary<string, PhoneFile> Files) read;
                if (reader is null)
                    read = await (reader = await Reader.OpenAsync(scopes)).ReadAsync(macs);
                else
                {
                    try
                    {
                        read = await reader.ReadAsync(macs);
                    }
                    catch (Exception) when (!Volatile.Read(ref _disposed))
                    {
                        // A kept connection can go bad while it waits (a database restarted, say): once more on a fresh one.
                        await reader.DisposeAsync();
                        reader = null;
                        read = await (reader = await Reader.OpenAsync(scopes)).ReadAsync(macs);
                    }
                }
                foreach (var a in batch) a.Done.TrySetResult((read.Stamp, a.Mac is null ? null : read.Files.GetValueOrDefault(a.Mac)));
            }
            catch (Exception e)
            {
                if (reader is not null) await reader.DisposeAsync();
                reader = null;
                foreach (var a in batch) a.Done.TrySetException(e);
            }
        }
    }

    /// <summary>Closes the kept connection once no fetch has needed it for a while.</summary>
    private void CloseIdle(object? _)
    {
        Reader? idle;
        lock (_gate)
        {
            if (_reading || _idle is null || Environment.TickCount64 - _idleSince < KeepIdle.TotalMilliseconds) return;
            (idle, _idle) = (_idle, null);
        }
        _ = idle.DisposeAsync().AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        await _idleTimer.DisposeAsync();
        Reader? idle;
        lock (_gate) (idle, _idle) = (_idle, null);
        if (idle is not null) await idle.DisposeAsync();
    }

    /// <summary>A context with its connection open, reading batches one after another.</summary>
    private sealed class Reader(IServiceScope scope, SwitchboardDb db) : IAsyncDisposable
    {
        public static async Task<Reader> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
                Dialect.For(db.Database).ForRepeatedQueries(db.Database);
                await db.Database.OpenConnectionAsync();
                return new Reader(scope, db);
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }

        public async Task<(long Stamp, Dictionary<string, PhoneFile> Files)> ReadAsync(List<string> macs)
        {
            long stamp;
            await using (var cmd = db.Database.GetDbConnection().CreateCommand())
            {
                cmd.CommandText = $"SELECT \"Stamp\" FROM \"PhoneFileStamps\" WHERE \"Id\" = {RowId}";
                stamp = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            // After the stamp: what is found is at least as new as the stamp says.
            var files = macs.Count == 0 ? [] : await PhoneFiles.FindAllAsync(db, macs, CancellationToken.None);
            return (stamp, files);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.CloseConnectionAsync();
            }
            finally
            {
                scope.Dispose();
            }
        }
    }

    private static long NewStamp() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// The stamp gets a new value when the context's current transaction commits, as its last statement:
    /// a transaction holding the stamp's row lock (PostgreSQL) then waits for nothing else, so no two
    /// writers can deadlock over it. For writes EF does not track (bulk statements, ExecuteDelete).
    /// </summary>
    public static void StampAtCommit(SwitchboardDb db)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Phone file changes are stamped inside a transaction.");
        db.StampPhoneFilesAtCommit = true;
    }

    private static string WriteSql() =>
        $"UPDATE \"PhoneFileStamps\" SET \"Stamp\" = {NewStamp().ToString(System.Globalization.CultureInfo.InvariantCulture)} WHERE \"Id\" = {RowId}";

    /// <summary>A new random value, not a counter: concurrent writers need no read, and any new value differs from what readers hold.</summary>
    internal static void Write(DbConnection connection, DbTransaction transaction)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = WriteSql();
        cmd.ExecuteNonQuery();
    }

    internal static async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = WriteSql();
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Columns of a user that a fetch writes (FetchRecorder): not a change to the user's file.</summary>
    private static readonly HashSet<string> FetchColumns =
        [nameof(PbxUser.IpAddress), nameof(PbxUser.ProvisionedAt), nameof(PbxUser.ProvisionedUserAgent)];

    /// <summary>Whether the context's tracked changes touch what files or credentials are made of (SwitchboardDb asks before every SaveChanges).</summary>
    internal static bool TrackedChangesMatter(SwitchboardDb db)
    {
        if (!db.ChangeTracker.HasChanges()) return false;
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var matters = e.Entity switch
            {
                Client or PhoneModel or ProvisioningTemplate or ResellerProvisioning or UserProfile => true,
                PbxUser => e.State != EntityState.Modified || e.Properties.Any(p => p.IsModified && !FetchColumns.Contains(p.Metadata.Name)),
                SignIn => e.State == EntityState.Deleted || (e.State == EntityState.Modified && e.Property(nameof(SignIn.Email)).IsModified),
                _ => false,
            };
            if (matters) return true;
        }
        return false;
    }
}

/// <summary>Writes the stamp as a transaction's last statement when its context was told to (<see cref="PhoneFileStamps.StampAtCommit"/>).</summary>
public sealed class PhoneFileStampWriter : DbTransactionInterceptor
{
    public static readonly PhoneFileStampWriter Instance = new();

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData)) PhoneFileStamps.Write(transaction.Connection!, transaction);
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (Take(eventData)) await PhoneFileStamps.WriteAsync(transaction.Connection!, transaction, ct);
        return result;
    }

    // A new transaction, or one that ends without committing, owes no stamp.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Take(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        Take(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Take(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Take(eventData);
        return Task.CompletedTask;
    }

    private static bool Take(TransactionEventData e)
    {
        if (e.Context is not SwitchboardDb db || !db.StampPhoneFilesAtCommit) return false;
        db.StampPhoneFilesAtCommit = false;
        return true;
    }
}
