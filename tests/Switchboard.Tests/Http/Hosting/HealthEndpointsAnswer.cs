using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

public sealed class HealthEndpointsAnswer(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Healthz_answers_healthy_without_signing_in()
    {
        var r = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("Healthy", JsonNode.Parse(await r.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_checks_the_database_and_the_migrations()
    {
        var r = await app.CreateClient().GetAsync("/readyz");
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("Healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["migrations"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_answers_503_when_a_migration_is_missing()
    {
        // The history table forgets the latest migration, as if this build were newer than the database.
        await app.CreateClient().GetAsync("/healthz"); // the server has started and migrated
        var history = TestDatabase.Q("__EFMigrationsHistory");
        var id = TestDatabase.Q("MigrationId");
        var last = (string)app.Database.Scalar($"SELECT {id} FROM {history} ORDER BY {id} DESC LIMIT 1")!;
        app.Database.Execute($"DELETE FROM {history} WHERE {id} = '{last}'");
        try
        {
            var r = await app.CreateClient().GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("Unhealthy", JsonNode.Parse(await r.Content.ReadAsStringAsync())!["checks"]!["migrations"]!["status"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            app.Database.Execute($"INSERT INTO {history} ({id}, {TestDatabase.Q("ProductVersion")}) VALUES ('{last}', '10.0.12')");
        }
    }
}
