using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>
/// The one value that says whether what provisioning keeps in memory (<see cref="PhoneFileCache"/>,
/// <see cref="ProvisioningAccounts"/>) is still right: <see cref="PhoneFileStamp.Stamp"/> gets a new
/// random value in the same transaction as every change to a phone's file or to provisioning
/// credentials, on whichever instance made it, so one small read tells every instance. A fetch reads it
/// through <see cref="CurrentAsync"/>, which lets the fetches that arrive while a read is under way share
/// the next read: each fetch sees a value read after it arrived (so never a change committed before it
/// arrived as missing), and a storm of fetches costs one read at a time, not one per fetch.
/// </summary>
public sealed class PhoneFileStamps(IServiceScopeFactory scopes)
{
    public const int RowId = 1;

    private readonly Lock _gate = new();
    private bool _reading;
    private TaskCompletionSource<long>? _next;

    /// <summary>The stamp, read after this call began.</summary>
    public Task<long> CurrentAsync()
    {
        TaskCompletionSource<long> mine;
        lock (_gate)
        {
            if (_reading) return (_next ??= New()).Task;
            _reading = true;
            mine = New();
        }
        // Off the caller's thread: on SQLite the read completes synchronously, and the loop would keep this request serving others.
        _ = Task.Run(() => ReadLoopAsync(mine));
        return mine.Task;
    }

    private static TaskCompletionSource<long> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ReadLoopAsync(TaskCompletionSource<long> waiting)
    {
        while (true)
        {
            try { waiting.TrySetResult(await ReadAsync()); }
            catch (Exception e) { waiting.TrySetException(e); }
            lock (_gate)
            {
                if (_next is null)
                {
                    _reading = false;
                    return;
                }
                (waiting, _next) = (_next, null);
            }
        }
    }

    private async Task<long> ReadAsync()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = $"SELECT \"Stamp\" FROM \"PhoneFileStamps\" WHERE \"Id\" = {RowId}";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
