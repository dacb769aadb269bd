using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Data;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hosting;

/// <summary>
/// The SQLite settings (SqlitePragmas) hold on every connection a context opens, not only the first:
/// WAL, NORMAL sync (durable in WAL mode) and a busy timeout long enough for an import to commit.
/// </summary>
public sealed class SqliteSettingsHoldOnEveryOpen(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Every_connection_opened_has_wal_normal_sync_and_the_busy_timeout()
    {
        await app.CreateClient().GetAsync("/healthz");
        for (var round = 0; round < 3; round++)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            await db.Database.OpenConnectionAsync();
            try
            {
                Assert.Equal("wal", await Pragma(db, "journal_mode"));
                Assert.Equal("1", await Pragma(db, "synchronous"));
                Assert.Equal("30000", await Pragma(db, "busy_timeout"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<string> Pragma(SwitchboardDb db, string name)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
