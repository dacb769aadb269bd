using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Switchboard.Core.Data.Dialects;

public enum ColumnType { Text, Int, Bool, Time }

/// <summary>A column a bulk write sets; on an update a <see cref="KeepIfNull"/> column keeps its stored value where the row gives null.</summary>
public readonly record struct BulkColumn(string Name, ColumnType Type, bool KeepIfNull = false);

/// <summary>Receives one row's values, in the order of the columns.</summary>
public interface IRowWriter
{
    void Text(string? value);
    void Int(int? value);
    void Bool(bool value);
    void Time(DateTime value);
}

/// <summary>
/// The one place that knows which database Switchboard talks to (SQLite or PostgreSQL): how a query
/// receives a set of keys, how rows are locked and written in bulk, how IDs are reserved, and what
/// several instances sharing one database need (advisory locks and their keys). Everything else, the
/// SQL of reads and the order of writes included, is shared.
/// </summary>
public abstract class Dialect
{
    public static Dialect For(DatabaseFacade database) => database.IsNpgsql() ? PostgresDialect.Instance : SqliteDialect.Instance;

    // ---- the model ----

    /// <summary>A column named in raw SQL of the model (index filters: PostgreSQL folds unquoted names to lower case).</summary>
    public abstract string InFilter(string column);

    /// <summary>
    /// PostgreSQL checks a foreign key row by row (0.4-0.6 s per 100,000 created users), so there the
    /// migrations enforce a sign-in's and a user's client keys with statement-level triggers instead
    /// (docs/decisions.md) and the model leaves those keys out.
    /// </summary>
    public abstract bool ChecksSignInKeysByTriggers { get; }

    // ---- reads ----

    /// <summary>SQL that is true when <paramref name="column"/> is one of the keys in <paramref name="parameter"/>.</summary>
    public abstract string IsOneOf(string column, string parameter);

    /// <summary>The parameter value carrying <paramref name="keys"/> for <see cref="IsOneOf"/>.</summary>
    public abstract object KeysValue<T>(IReadOnlyCollection<T> keys);

    /// <summary>
    /// A FROM item (alias it) with one row per number in <paramref name="parameter"/>, a
    /// <see cref="KeysValue"/> of longs, in its column "n": pairs of ints travel as one number each (see <see cref="Pair"/>).
    /// </summary>
    public abstract string EachSql(string parameter);

    /// <summary>Two ints in one long: <c>n &gt;&gt; 32</c> and <c>n &amp; 4294967295</c> give them back in SQL.</summary>
    public static long Pair(int high, int low) => (long)high << 32 | (uint)low;

    /// <summary>
    /// Appended to a query of table alias <paramref name="alias"/>, so that a concurrent edit of the same
    /// rows waits for this transaction and then plans on what it wrote (and the other way round).
    /// </summary>
    public abstract string LockRowsSql(string alias);

    /// <summary>
    /// Like <see cref="LockRowsSql"/> but shared: many transactions may hold it at once, and one that
    /// locks the rows to change them waits for all of them (a client's row while its users are written).
    /// </summary>
    public abstract string ShareRowsSql(string alias);

    /// <summary>
    /// Locks the rows of <paramref name="table"/> (alias t) that <paramref name="where"/> selects until the
    /// context's transaction ends; nothing on SQLite, whose write transactions already run one at a time.
    /// </summary>
    public async Task LockRowsAsync(DatabaseFacade database, string table, string where, CancellationToken ct)
    {
        if (LockRowsSql("t") is not { Length: > 0 } lockRows) return;
        await using var cmd = database.GetDbConnection().CreateCommand();
        cmd.Transaction = database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = $"SELECT 1 FROM {Q(table)} t WHERE {where}{lockRows}";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The transaction lost a race another one won (a unique value taken meanwhile, a deadlock): it
    /// was rolled back and planning again on the new state gives each row its true outcome.
    /// </summary>
    public abstract bool LostRace(Exception e);

    // ---- bulk writes, inside the caller's transaction ----

    /// <summary>Inserts <paramref name="rows"/> rows; <paramref name="row"/> writes row i's values in column order.</summary>
    public abstract void Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row);

    /// <summary>Updates <paramref name="rows"/> rows by their key, the first of <paramref name="columns"/>.</summary>
    public abstract void Update(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row);

    /// <summary>Runs <paramref name="sql"/> with " WHERE " + the key column being one of <paramref name="keys"/> appended.</summary>
    public void ForKeys(DbConnection connection, DbTransaction transaction, string sql, string keyColumn, IReadOnlyCollection<int> keys)
    {
        if (keys.Count == 0) return;
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"{sql} WHERE {IsOneOf(keyColumn, "@keys")}";
        var p = cmd.CreateParameter();
        p.ParameterName = "@keys";
        p.Value = KeysValue(keys);
        cmd.Parameters.Add(p);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// <paramref name="count"/> new IDs of <paramref name="table"/>, taken up front so new rows go in
    /// with their IDs and nothing is read back per row.
    /// </summary>
    public abstract int[] ReserveIds(DbConnection connection, DbTransaction transaction, string table, int count);

    /// <summary>
    /// Called before opening a context's connection that will run the same few queries over and over
    /// for a long time (provisioning's batch reader): where the database plans every statement anew,
    /// have them prepared once.
    /// </summary>
    public virtual void ForRepeatedQueries(DatabaseFacade database) { }

    /// <summary>Settings for the one connection that runs a large bulk write, undone on dispose.</summary>
    public virtual IDisposable BulkSession(DbConnection connection) => NoSession.Instance;

    /// <summary>
    /// Whether a large import collects the planning garbage before it writes: SQLite's writer needs it
    /// gone to stay under the memory bar; PostgreSQL's streams by COPY and stays well under it without
    /// (measured), sparing ~0.1 s inside the transaction.
    /// </summary>
    public abstract bool CollectBeforeBulkWrite { get; }

    // ---- several instances on one database ----

    /// <summary>Several instances may share the database (and read each other's import progress from it).</summary>
    public abstract bool Shared { get; }

    /// <summary>Tries to take the lock on a client's imports on the context's open connection (see Import/ImportWorker).</summary>
    public abstract Task<bool> TryLockClientAsync(DatabaseFacade database, int clientId, CancellationToken ct);

    public abstract Task UnlockClientAsync(DatabaseFacade database, int clientId);

    /// <summary>Instances starting together migrate one after another (opens the context's connection).</summary>
    public abstract Task LockMigrationsAsync(DatabaseFacade database);

    public abstract Task UnlockMigrationsAsync(DatabaseFacade database);

    private protected static void Run(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private protected static string Q(string name) => $"\"{name}\"";

    private sealed class NoSession : IDisposable
    {
        public static readonly NoSession Instance = new();
        public void Dispose() { }
    }
}
