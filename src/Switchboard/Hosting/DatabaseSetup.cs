using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Postgres;

namespace Switchboard.Web.Hosting;

/// <summary>Database:Provider picks the database: "sqlite" (embedded, the default) or "postgres".</summary>
public static class DatabaseSetup
{
    public static void AddSwitchboardDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connection = config.GetConnectionString("Switchboard");
        string? sqliteFile = null;
        switch (provider)
        {
            case "sqlite":
                // No pooling: Microsoft.Data.Sqlite 10.0.x can lend one pooled native connection to two
                // concurrent opens (dotnet/efcore#39008; seen here under load as "cannot start a
                // transaction within a transaction"). Opening a SQLite file costs microseconds.
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection ?? DefaultSqlite(contentRoot)) { Pooling = false };
                sqliteFile = builder.DataSource;
                var sqlite = builder.ToString();
                services.AddDbContext<SwitchboardDb>(o => o.UseSqlite(sqlite).AddInterceptors(new SqlitePragmas()));
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider is 'postgres' but ConnectionStrings:Switchboard is empty. Give an Npgsql connection string, e.g. Host=db;Database=switchboard;Username=switchboard;Password=...");
                services.AddDbContext<SwitchboardDb, PostgresDb>(o => o.UseNpgsql(connection));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'sqlite' or 'postgres'.");
        }
        services.AddSwitchboardKeyRing(config, contentRoot, sqliteFile);
    }

    private static string DefaultSqlite(string root)
    {
        var dir = Path.Combine(root, "data");
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, "switchboard.db")}";
    }
}
