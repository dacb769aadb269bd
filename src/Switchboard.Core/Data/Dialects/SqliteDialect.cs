using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Switchboard.Core.Data.Dialects;

/// <summary>
/// SQLite: one instance owns the file; keys travel as one JSON array read by json_each; bulk writes
/// are prepared statements, one per row.
/// </summary>
public sealed class SqliteDialect : Dialect
{
    public static readonly SqliteDialect Instance = new();

    public override string InFilter(string column) => column;

    public override bool ChecksSignInKeysByTriggers => false;

    public override string IsOneOf(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object KeysValue<T>(IReadOnlyCollection<T> keys) => JsonSerializer.Serialize(keys);

    public override string EachSql(string parameter) => $"(SELECT value AS n FROM json_each({parameter}))";

    /// <summary>Every write transaction holds SQLite's one write lock from its start (BEGIN IMMEDIATE): nobody races.</summary>
    public override string LockRowsSql(string alias) => "";

    public override string ShareRowsSql(string alias) => "";

    public override bool LostRace(Exception e) => false;

    /// <summary>
    /// One prepared INSERT per row (measured: multi-row INSERTs are slower with this driver, which
    /// looks every parameter up by name; here they are set by index).
    /// </summary>
    public override void Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row)
    {
        if (rows == 0) return;
        using var cmd = Prepare(connection, transaction,
            $"INSERT INTO {Q(table)} ({string.Join(", ", columns.Select(c => Q(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})",
            columns.Count);
        Each(cmd, rows, row);
    }

    public override void Update(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        int rows, Action<int, IRowWriter> row)
    {
        if (rows == 0) return;
        var set = columns.Skip(1).Select((c, i) => $"{Q(c.Name)} = " + (c.KeepIfNull ? $"COALESCE(@p{i + 1}, {Q(c.Name)})" : $"@p{i + 1}"));
        using var cmd = Prepare(connection, transaction,
            $"UPDATE {Q(table)} SET {string.Join(", ", set)} WHERE {Q(columns[0].Name)} = @p0", columns.Count);
        Each(cmd, rows, row);
    }

    /// <summary>
    /// IDs above every ID the table has ever used: the write transaction holds SQLite's single write
    /// lock, so no one else can take them meanwhile.
    /// </summary>
    public override int[] ReserveIds(DbConnection connection, DbTransaction transaction, string table, int count)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"SELECT MAX(x) FROM (SELECT seq AS x FROM sqlite_sequence WHERE name = '{table}' UNION ALL SELECT MAX(Id) FROM {Q(table)})";
        var max = cmd.ExecuteScalar();
        var first = (max is null or DBNull ? 0 : Convert.ToInt32(max, CultureInfo.InvariantCulture)) + 1;
        return [.. Enumerable.Range(first, count)];
    }

    /// <summary>
    /// A 16 MB page cache for the one connection that runs a bulk write (its index b-trees stay in
    /// memory), set back to the default afterwards so pooled connections do not each keep it.
    /// </summary>
    public override IDisposable BulkSession(DbConnection connection)
    {
        Run(connection, null, "PRAGMA cache_size=-16384");
        return new Restore(connection);
    }

    public override bool CollectBeforeBulkWrite => true;

    public override bool Shared => false;

    /// <summary>One instance owns the file and its worker runs one job at a time: the lock is always free.</summary>
    public override Task<bool> TryLockClientAsync(DatabaseFacade database, int clientId, CancellationToken ct) => Task.FromResult(true);

    public override Task UnlockClientAsync(DatabaseFacade database, int clientId) => Task.CompletedTask;

    public override Task LockMigrationsAsync(DatabaseFacade database) => Task.CompletedTask;

    public override Task UnlockMigrationsAsync(DatabaseFacade database) => Task.CompletedTask;

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = DBNull.Value;
            cmd.Parameters.Add(p);
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Each(DbCommand cmd, int rows, Action<int, IRowWriter> row)
    {
        var w = new ParameterWriter(cmd.Parameters);
        for (var i = 0; i < rows; i++)
        {
            w.At = 0;
            row(i, w);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Sets the parameters by index (the driver finds one by name with a linear search).</summary>
    private sealed class ParameterWriter(DbParameterCollection ps) : IRowWriter
    {
        public int At;
        public void Text(string? value) => ps[At++].Value = (object?)value ?? DBNull.Value;
        public void Int(int? value) => ps[At++].Value = (object?)value ?? DBNull.Value;
        public void Bool(bool value) => ps[At++].Value = value;
        public void Time(DateTime value) => ps[At++].Value = value;
    }

    private sealed class Restore(DbConnection connection) : IDisposable
    {
        public void Dispose() => Run(connection, null, "PRAGMA cache_size=-2000");
    }
}
