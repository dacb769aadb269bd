using System.Security.Cryptography;
using System.Text;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// phones.md, "What Switchboard keeps for the registrar": secrets are sealed, so the migration that
/// added the HA1 columns could not fill them; users stored before it get theirs when the server starts
/// (Hosting/DatabaseStartup), and the real registrar then accepts their secrets in their domains.
/// </summary>
public sealed class Ha1sAreFilledAtStart
{
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Users_stored_before_the_registrars_columns_existed_get_their_ha1s_when_the_server_starts()
    {
        using var database = TestDatabase.Create();
        SipTenant t;
        using (var before = SwitchboardApp.On(database))
        {
            t = await SipTenant.CreateAsync(before);
            await t.CreateUserAsync("201", "Backfill-Secret-A1");
            await t.CreateUserAsync("202", "Backfill-Secret-B2", t.OtherClient);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();

        // The database as it was before the migration that added the columns and the view (its Down, by hand).
        var migration = (string)database.Scalar("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%SipSubscribers'")!;
        database.Execute("DROP VIEW sip_subscribers");
        database.Execute("ALTER TABLE \"Users\" DROP COLUMN \"SipHa1\"");
        database.Execute("ALTER TABLE \"Users\" DROP COLUMN \"SipHa1b\"");
        database.Execute($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{migration}'");
        Assert.True(database.Count("SELECT COUNT(*) FROM \"Users\"") >= 2);

        // A start applies the migration again (empty columns) and then fills them.
        using var after = SwitchboardApp.On(database);
        await after.AdminAsync();
        Assert.Equal(0, database.Count("SELECT COUNT(*) FROM \"Users\" WHERE \"SipHa1\" IS NULL OR \"SipHa1b\" IS NULL"));
        foreach (var (extension, domain, secret) in new[] { ("201", t.Domain, "Backfill-Secret-A1"), ("202", t.OtherDomain, "Backfill-Secret-B2") })
        {
            var where = $"FROM sip_subscribers WHERE username = '{extension}' AND domain = '{domain}'";
            Assert.Equal(Md5($"{extension}:{domain}:{secret}"), database.Scalar($"SELECT ha1 {where}"));
            Assert.Equal(Md5($"{extension}@{domain}:{domain}:{secret}"), database.Scalar($"SELECT ha1b {where}"));
        }

        using var registrar = await KamailioProcess.StartAsync(RegistrarHost.DbUrl(database));
        Assert.Equal(200, await SipPhone.RegisterAsync(registrar, "201", t.Domain, "Backfill-Secret-A1", "127.0.0.61"));
        Assert.Equal(200, await SipPhone.RegisterAsync(registrar, "202", t.OtherDomain, "Backfill-Secret-B2", "127.0.0.61", authUser: $"202@{t.OtherDomain}"));
        Assert.Equal(401, await SipPhone.RegisterAsync(registrar, "201", t.OtherDomain, "Backfill-Secret-A1", "127.0.0.61"));
    }
}
