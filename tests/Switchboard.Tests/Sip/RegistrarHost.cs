using Microsoft.Data.Sqlite;
using Npgsql;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// A Switchboard server and a Kamailio with the shipped configuration on its database: the SQLite
/// file, or on PostgreSQL the read-only role of deploy/kamailio/registrar-role.sql. One per test
/// class (IClassFixture); tests create their own tenants and use their own source addresses.
/// </summary>
public class RegistrarHost : IAsyncLifetime
{
    public SwitchboardApp App { get; } = new();
    public KamailioProcess Registrar { get; private set; } = null!;

    /// <summary>Extra Kamailio defines for a test class (e.g. AUTH_FAILURES).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Defines => null;

    public const string RoleName = "switchboard_registrar";

    public async Task InitializeAsync()
    {
        await App.AdminAsync(); // starts the host: the database is migrated
        Registrar = await KamailioProcess.StartAsync(DbUrl(App.Database), Defines);
    }

    /// <summary>The DBURL Kamailio is given for the test database.</summary>
    public static string DbUrl(TestDatabase database)
    {
        if (database.Provider == "sqlite")
            return "sqlite://" + Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        CreateRole(database);
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"postgres://{RoleName}:{RolePassword}@{cs.Host}:{cs.Port}/{cs.Database}";
    }

    private const string RolePassword = "change-me";

    /// <summary>Runs the shipped SQL for this database (the role is the server's: created once, kept).</summary>
    private static void CreateRole(TestDatabase database)
    {
        var sql = File.ReadAllText(Path.Combine(KamailioProcess.RepositoryRoot(), "deploy", "kamailio", "registrar-role.sql"));
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var statements = string.Join("\n", sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Replace("DATABASE switchboard", $"DATABASE {name}", StringComparison.Ordinal)
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        using var c = database.Open();
        foreach (var statement in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = statement;
            try
            {
                cmd.ExecuteNonQuery();
            }
            catch (PostgresException e) when (statement.StartsWith("CREATE ROLE", StringComparison.Ordinal) &&
                                              e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another test class created it first.
            }
        }
    }

    public Task DisposeAsync()
    {
        Registrar?.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }
}
