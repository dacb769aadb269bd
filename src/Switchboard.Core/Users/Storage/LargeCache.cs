using System.Data.Common;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// A 16 MB SQLite page cache for the one connection that runs a bulk write (its index b-trees stay
/// in memory), set back to the default afterwards so pooled connections do not each keep it.
/// </summary>
public sealed class LargeCache : IDisposable
{
    private readonly DbConnection? _connection;

    private LargeCache(DbConnection? connection) => _connection = connection;

    public static LargeCache For(DbConnection connection)
    {
        if (!connection.GetType().Name.StartsWith("Sqlite", StringComparison.Ordinal)) return new LargeCache(null);
        Run(connection, "PRAGMA cache_size=-16384");
        return new LargeCache(connection);
    }

    public void Dispose()
    {
        if (_connection is not null) Run(_connection, "PRAGMA cache_size=-2000");
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
