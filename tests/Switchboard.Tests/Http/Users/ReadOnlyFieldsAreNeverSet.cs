using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>ID never changes, IP address is informational only, and a user never moves to another client.</summary>
public sealed class ReadOnlyFieldsAreNeverSet(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Import_ignores_the_IP_address_column_on_create_and_on_update()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var person = w.Soft(("IP address", "10.1.2.3"));
        var ids = await a1.CreateUsers(person);
        Assert.Null((await a1.GetUser(ids[0]))["ipAddress"]);
        var (_, rows) = await a1.Export();
        Assert.Equal("", rows.Single()["IP address"]);

        rows.Single()["IP address"] = "192.0.2.44";
        (await a1.ImportRows(rows)).AssertCounts(created: 0, updated: 0, unchanged: 1, failed: 0);
        Assert.Null((await a1.GetUser(ids[0]))["ipAddress"]);
    }

    [Fact]
    public async Task A_PUT_cannot_change_the_id_the_client_or_the_ip_address()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft());
        var before = await a1.GetUser(ids[0], secrets: true);
        var r = await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", new { id = ids[0] + 1000, clientId = w.CB1, ipAddress = "10.9.9.9" });
        Assert.True(r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}");
        Assert.Equal(before.ToJsonString(), (await a1.GetUser(ids[0], secrets: true)).ToJsonString());
        Assert.Empty((await w.As["B1"].Export()).Rows);
    }
}
