using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Core.Data.Postgres;

/// <summary>The Switchboard model on PostgreSQL: its own type so its migrations stay apart from SQLite's.</summary>
public sealed class PostgresDb(DbContextOptions<PostgresDb> options) : SwitchboardDb(options);

/// <summary>Lets `dotnet ef migrations add --context PostgresDb` build the model without a server.</summary>
public sealed class PostgresDbDesignFactory : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql("Host=localhost;Database=switchboard_design").Options);
}
