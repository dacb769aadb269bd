using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one server under test: a SQLite file, or in the PostgreSQL suite
/// (tests/Switchboard.Tests.Postgres) a new database on the server named by
/// SWITCHBOARD_TEST_POSTGRES (an Npgsql connection string without Database, e.g. the one
/// `.ci/postgres` prints). Dropped again when the server under test is disposed.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "SWITCHBOARD_TEST_POSTGRES";

#if POSTGRES_SUITE
    public static bool UsePostgres => true;
#else
    public static bool UsePostgres => false;
#endif

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// The key that seals this database's key ring (Secrets:Key, base64), one per test database:
    /// every server on this database (SwitchboardApp.On) gets it, as instances of one installation share theirs.
    /// </summary>
    public string SecretsKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string? _sqlitePath;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqlitePath, string? postgresName) =>
        (Provider, ConnectionString, _sqlitePath, _postgresName) = (provider, connectionString, sqlitePath, postgresName);

    /// <param name="folder">Where a SQLite file goes (default: the temp folder).</param>
    public static TestDatabase Create(string? folder = null)
    {
        if (!UsePostgres)
        {
            var path = Path.Combine(folder ?? Path.GetTempPath(), folder is null ? $"switchboard-test-{Guid.NewGuid():N}.db" : "switchboard.db");
            return new TestDatabase("sqlite", $"Data Source={path}", path, null);
        }
        var name = $"switchboard_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            cmd.ExecuteNonQuery();
        }
        return new TestDatabase("postgres", new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString, null, name);
    }

    /// <summary>The SQLite file of a server that keeps its database in a folder of its own (ServerProcess), to look into or copy.</summary>
    public static TestDatabase SqliteFile(string path) => new("sqlite", $"Data Source={path}", path, null);

    /// <summary>
    /// A copy of this database as it is now (no server may be running on it), with a key of its own:
    /// the SQLite file and its write-ahead log copied (to <paramref name="sqliteTo"/>, e.g. another
    /// server's folder), or a PostgreSQL database made from this one as a template.
    /// </summary>
    public TestDatabase Copy(string? sqliteTo = null)
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            var path = sqliteTo ?? Path.Combine(Path.GetTempPath(), $"switchboard-test-{Guid.NewGuid():N}.db");
            foreach (var suffix in new[] { "", "-wal" })
            {
                if (File.Exists(_sqlitePath + suffix)) File.Copy(_sqlitePath + suffix, path + suffix);
            }
            return SqliteFile(path);
        }
        var name = $"switchboard_test_{Guid.NewGuid():N}";
        NpgsqlConnection.ClearAllPools();
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {_postgresName}", admin);
            cmd.ExecuteNonQuery();
        }
        return new TestDatabase("postgres", new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString, null, name);
    }

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"The PostgreSQL suite needs a server: set {PostgresVariable} to an Npgsql connection string, e.g. {PostgresVariable}=\"$(.ci/postgres)\" (see README).");

    /// <summary>Table and column names as written in SQL for this database (PostgreSQL keeps case only when quoted; SQLite accepts the quotes too).</summary>
    public static string Q(string name) => $"\"{name}\"";

    public DbConnection Open()
    {
        DbConnection c = Provider == "sqlite" ? new SqliteConnection(ConnectionString + ";Pooling=False") : new NpgsqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public void Execute(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(_sqlitePath + suffix); } catch (IOException) { }
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
        cmd.ExecuteNonQuery();
    }
}
