using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Every answer that shows a user's secrets writes an audit entry (who, whose, from where); answers
/// to changes (POST, PUT) never carry secrets, even when nothing changed.
/// </summary>
public sealed class ReadingSecretsIsAudited(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static List<JsonObject> Reads(JsonObject page) =>
        [.. page["items"]!.AsArray().Select(e => e!.AsObject()).Where(e => e.Str("action") == "user.secrets-read")];

    [Fact]
    public async Task Reading_a_users_secrets_is_recorded_and_reading_without_them_is_not()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft());
        await a1.GetUser(ids[0]);
        Assert.Empty(Reads(await a1.GetJson($"/api/v1/audit?userId={ids[0]}")));

        var shown = await a1.GetUser(ids[0], secrets: true);
        Assert.False(string.IsNullOrEmpty(shown.Str("phoneSecret")));
        var entry = Assert.Single(Reads(await a1.GetJson($"/api/v1/audit?userId={ids[0]}")));
        Assert.Equal(w.Emails["A1"], entry.Str("actor"));                 // who
        Assert.Equal(ids[0], entry["entityId"]!.GetValue<int>());         // whose
        Assert.Contains(shown.Str("email")!, entry.Str("subject"), StringComparison.Ordinal);
        Assert.True(entry.ContainsKey("address"));                         // from where (the test server has no client address)
        Assert.DoesNotContain(shown.Str("phoneSecret")!, entry.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_to_changes_carry_no_secrets()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var created = await a1.PostJson("/api/v1/users", new
        {
            clientId = w.CA1, firstName = "No", lastName = "Secrets", email = $"nosecrets-{w.Tag}@example.test", extension = "4481",
        });
        Assert.Null(created["phoneSecret"]);
        Assert.Null(created["voicemailPin"]);
        var id = created["id"]!.GetValue<int>();
        foreach (var body in new object[] { new { }, new { department = "Quiet" }, new { voicemailPin = "580317" } })
        {
            var r = await a1.PutAsJsonAsync($"/api/v1/users/{id}", body);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var json = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Null(json["phoneSecret"]);
            Assert.Null(json["voicemailPin"]);
        }

        var person = w.Person(("Web Passwords", "No-Secret-Answer-29"));
        await a1.CreateUsers(person);
        var me = await app.SignInAsync(person["Email"], "No-Secret-Answer-29");
        var own = await me.PutAsJsonAsync("/api/v1/me/settings", new { voicemailPin = "690428" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Null((await own.Content.ReadFromJsonAsync<JsonObject>())!["voicemailPin"]);
    }
}
