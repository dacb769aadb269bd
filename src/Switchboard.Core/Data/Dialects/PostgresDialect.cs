using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Switchboard.Core.Data.Dialects;

/// <summary>
/// PostgreSQL: one or more instances share the database; keys travel as one array parameter; bulk
/// writes are set-based: new rows go in by binary COPY, changed rows are copied into a staging table
/// and applied with one UPDATE.
/// </summary>
public sealed class PostgresDialect : Dialect
{
    public static readonly PostgresDialect Instance = new();

    /// <summary>First half of the client-import lock keys: Switchboard's, apart from any other advisory locks.</summary>
    private const int ClientImportLocks = 0x53424931;

    /// <summary>The migration lock (its key: two ints).</summary>
    private const string LockMigrations = "SELECT pg_advisory_lock(1397899597, 1)", UnlockMigrations = "SELECT pg_advisory_unlock(1397899597, 1)";

    public override string InFilter(string column) => Q(column);

    // PostgreSQL parses and plans each statement it is sent (Npgsql prepares nothing unless told): a
    // five-table join planned for every batch of a boot storm costs it more than running it. Only this
    // connection prepares (a pool of its own, by its own connection string); an operator's own
    // Max Auto Prepare is kept. PostgreSQL plans a prepared statement again when a migration changes
    // a table it reads, and the statements name their columns, so their results keep their shape.
    public override void ForRepeatedQueries(DatabaseFacade database)
    {
        var b = new NpgsqlConnectionStringBuilder(database.GetConnectionString());
        if (b.MaxAutoPrepare > 0) return;
        b.MaxAutoPrepare = 8;
        b.AutoPrepareMinUsages = 2;
        database.SetConnectionString(b.ConnectionString);
    }

    public override bool ChecksSignInKeysByTriggers => true;

    public override string IsOneOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object KeysValue<T>(IReadOnlyCollection<T> keys) => keys.ToArray();

    public override string EachSql(string parameter) => $"(SELECT unnest({parameter}) AS n)";

    public override string LockRowsSql(string alias) => $" FOR UPDATE OF {alias}";

    public override string ShareRowsSql(string alias) => $" FOR SHARE OF {alias}";

    public override bool LostRace(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    public override void Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row)
    {
        if (rows > 0) Copy((NpgsqlConnection)connection, Q(table), columns, rows, row);
    }

    /// <summary>The rows are copied into a staging table dropped at commit, then applied with one UPDATE.</summary>
    public override void Update(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row)
    {
        if (rows == 0) return;
        var c = (NpgsqlConnection)connection;
        var staging = Q(table + "_changes");
        var names = string.Join(", ", columns.Select(x => Q(x.Name)));
        Run(c, transaction, $"CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {names} FROM {Q(table)} WITH NO DATA");
        Copy(c, staging, columns, rows, row);
        var set = columns.Skip(1).Select(x => $"{Q(x.Name)} = " + (x.KeepIfNull ? $"COALESCE(x.{Q(x.Name)}, t.{Q(x.Name)})" : $"x.{Q(x.Name)}"));
        Run(c, transaction, $"UPDATE {Q(table)} t SET {string.Join(", ", set)} FROM {staging} x WHERE t.{Q(columns[0].Name)} = x.{Q(columns[0].Name)}");
    }

    /// <summary>A block of the table's own identity sequence, so concurrent writers never collide.</summary>
    public override int[] ReserveIds(DbConnection connection, DbTransaction transaction, string table, int count)
    {
        var ids = new int[count];
        using var next = new NpgsqlCommand($"SELECT nextval(s.seq)::integer FROM (SELECT pg_get_serial_sequence('{Q(table)}', 'Id')::regclass AS seq OFFSET 0) s " +
            "CROSS JOIN generate_series(1, @n)", (NpgsqlConnection)connection);
        next.Parameters.AddWithValue("n", count);
        using var r = next.ExecuteReader();
        for (var i = 0; r.Read(); i++) ids[i] = r.GetInt32(0);
        return ids;
    }

    public override bool CollectBeforeBulkWrite => false;

    public override bool Shared => true;

    /// <summary>
    /// A session advisory lock per client, taken on the very connection that runs the job: if the
    /// instance dies, the database ends that session, which rolls back the job's transaction and frees
    /// the lock together, so another instance takes the job up only once its half-done work is gone.
    /// </summary>
    public override async Task<bool> TryLockClientAsync(DatabaseFacade database, int clientId, CancellationToken ct) =>
        await database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({ClientImportLocks}, {clientId}) AS \"Value\"").SingleAsync(ct);

    public override async Task UnlockClientAsync(DatabaseFacade database, int clientId) =>
        await database.SqlQuery<bool>($"SELECT pg_advisory_unlock({ClientImportLocks}, {clientId}) AS \"Value\"").SingleAsync();

    /// <summary>
    /// EF Core's own migration lock is taken only once its history table exists, and two instances
    /// creating that table at once was seen to fail one of them.
    /// </summary>
    public override async Task LockMigrationsAsync(DatabaseFacade database)
    {
        await database.OpenConnectionAsync();
        await database.ExecuteSqlRawAsync(LockMigrations);
    }

    public override async Task UnlockMigrationsAsync(DatabaseFacade database) =>
        await database.ExecuteSqlRawAsync(UnlockMigrations);

    private static void Copy(NpgsqlConnection c, string target, IReadOnlyList<BulkColumn> columns, int rows, Action<int, IRowWriter> row)
    {
        using var w = c.BeginBinaryImport($"COPY {target} ({string.Join(", ", columns.Select(x => Q(x.Name)))}) FROM STDIN (FORMAT BINARY)");
        var writer = new CopyWriter(w);
        for (var i = 0; i < rows; i++)
        {
            w.StartRow();
            row(i, writer);
        }
        w.Complete();
    }

    private sealed class CopyWriter(NpgsqlBinaryImporter w) : IRowWriter
    {
        public void Text(string? value)
        {
            if (value is null) w.WriteNull();
            else w.Write(value, NpgsqlDbType.Text);
        }

        public void Int(int? value)
        {
            if (value is null) w.WriteNull();
            else w.Write(value.Value, NpgsqlDbType.Integer);
        }

        public void Bool(bool value) => w.Write(value, NpgsqlDbType.Boolean);

        public void Time(DateTime value) => w.Write(value, NpgsqlDbType.TimestampTz);
    }
}
