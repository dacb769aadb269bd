using Npgsql;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Sip;

namespace Switchboard.Tests.Registrar;

/// <summary>The login role of deploy/kamailio/registrar-role.sql (the one Kamailio uses in the registrar tests) reads sip_subscribers and nothing else.</summary>
public sealed class RegistrarRoleReadsOnlyTheView(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task The_registrar_role_reads_the_view_and_no_table()
    {
        await app.AdminAsync();
        RegistrarHost.DbUrl(app.Database); // creates the role on this database
        var cs = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Username = RegistrarHost.RoleName, Pooling = false };
        await using var c = new NpgsqlConnection(cs.ConnectionString);
        await c.OpenAsync();

        await using (var view = new NpgsqlCommand("SELECT count(*) FROM sip_subscribers", c))
            Assert.True((long)(await view.ExecuteScalarAsync())! >= 0);

        foreach (var table in new[] { "Users", "SignIns", "Clients", "SecretKeys", "DataProtectionKeys", "AuditEntries" })
        {
            await using var cmd = new NpgsqlCommand($"SELECT 1 FROM \"{table}\" LIMIT 1", c);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        await using var write = new NpgsqlCommand("CREATE TABLE intruder (x int)", c);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync())).SqlState);
    }
}
