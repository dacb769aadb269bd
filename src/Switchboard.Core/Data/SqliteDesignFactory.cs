using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Core.Data;

/// <summary>
/// Lets `dotnet ef migrations add --context SwitchboardDb` build the SQLite model without starting
/// the host (without it the tools would pick <see cref="Postgres.PostgresDbDesignFactory"/>, whose context derives from this one).
/// </summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SwitchboardDb>
{
    public SwitchboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SwitchboardDb>().UseSqlite("Data Source=design.db").Options);
}
