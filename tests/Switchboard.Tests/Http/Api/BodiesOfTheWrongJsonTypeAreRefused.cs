using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// A body whose property has another JSON type than its schema declares is a 400 problem naming the
/// property (never a 500, never converted), and changes nothing.
/// </summary>
public sealed class BodiesOfTheWrongJsonTypeAreRefused(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static async Task<JsonObject> Refused(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode} {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!["errors"]!.AsObject();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{"firstName": 5}""", "firstName")]
    [InlineData("""{"extension": 4410}""", "extension")]
    [InlineData("""{"dndOn": "yes"}""", "dndOn")]
    [InlineData("""{"phoneModelId": "3"}""", "phoneModelId")]
    [InlineData("""{"userProfileId": 2.5}""", "userProfileId")]
    [InlineData("""{"voicemailPin": ["4826"]}""", "voicemailPin")]
    [InlineData("""{"clientId": "1", "firstName": "A", "lastName": "B", "email": "a@b.test", "extension": "4410"}""", "clientId")]
    public async Task A_user_create_with_a_wrong_type_names_the_property_and_creates_nothing(string body, string property)
    {
        var w = await SharedWorld.For(app);
        var json = JsonNode.Parse(body)!.AsObject();
        if (!json.ContainsKey("clientId")) json["clientId"] = w.CA1;
        foreach (var (k, v) in new Dictionary<string, string> { ["firstName"] = "Wrong", ["lastName"] = "Type", ["email"] = $"wrong-{w.Tag}@example.test", ["extension"] = "4419" })
            if (!json.ContainsKey(k)) json[k] = v;
        var errors = await Refused(await w.As["A1"].PostAsync("/api/v1/users", Json(json.ToJsonString())));
        Assert.Equal([property], errors.Select(e => e.Key));
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Email"] == $"wrong-{w.Tag}@example.test");
    }

    [Fact]
    public async Task A_user_update_with_wrong_types_names_each_property_and_changes_nothing()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft());
        var before = await a1.GetUser(ids[0], secrets: true);
        var errors = await Refused(await a1.PutAsync($"/api/v1/users/{ids[0]}",
            Json("""{"department": "Changed", "callWaitingOn": 0, "forwardNumber": 442079460000}""")));
        Assert.Equal(["callWaitingOn", "forwardNumber"], errors.Select(e => e.Key).Order());
        Assert.Contains("true or false", errors["callWaitingOn"]![0]!.GetValue<string>());
        Assert.Equal(before.ToJsonString(), (await a1.GetUser(ids[0], secrets: true)).ToJsonString());

        // Not a JSON object, or not JSON at all: 400 too.
        await Refused(await a1.PutAsync($"/api/v1/users/{ids[0]}", Json("""["department"]""")));
        await Refused(await a1.PutAsync($"/api/v1/users/{ids[0]}", Json("""{"department": """)));
        Assert.Equal(before.ToJsonString(), (await a1.GetUser(ids[0], secrets: true)).ToJsonString());
        // Types right, the same rules as ever: null empties an optional field, absent leaves it.
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsync($"/api/v1/users/{ids[0]}", Json("""{"department": null, "dndOn": true}"""))).StatusCode);
        var after = await a1.GetUser(ids[0], secrets: true);
        Assert.Null(after["department"]);
        Assert.True(after["dndOn"]!.GetValue<bool>());
        Assert.Equal(before.Str("extension"), after.Str("extension"));
    }

    [Fact]
    public async Task A_self_service_change_with_a_wrong_type_names_the_property_and_changes_nothing()
    {
        var w = await SharedWorld.For(app);
        var person = w.Person(("Web Passwords", "Typed-Self-Pass-71"));
        var ids = await w.As["A1"].CreateUsers(person);
        var me = await app.SignInAsync(person["Email"], "Typed-Self-Pass-71");
        var before = await w.As["A1"].GetUser(ids[0], secrets: true);
        var errors = await Refused(await me.PutAsync("/api/v1/me/settings", Json("""{"dndOn": "on", "voicemailPin": 482619}""")));
        Assert.Equal(["dndOn", "voicemailPin"], errors.Select(e => e.Key).Order());
        Assert.Equal(before.ToJsonString(), (await w.As["A1"].GetUser(ids[0], secrets: true)).ToJsonString());
    }

    [Theory]
    [InlineData("""{"email": 5, "password": "x"}""", "email")]
    [InlineData("""{"email": "a@b.test", "password": true}""", "password")]
    [InlineData("""{"email": "a@b.test", "password": """, "password")]
    [InlineData("""["a@b.test"]""", "")]
    public async Task A_sign_in_with_a_wrong_type_names_the_property(string body, string property)
    {
        var errors = await Refused(await app.CreateClient().PostAsync("/api/v1/auth/token", Json(body)));
        Assert.Equal([property], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task A_query_value_that_is_not_a_number_is_a_400_problem_naming_it()
    {
        var w = await SharedWorld.For(app);
        var r = await w.As["A1"].GetAsync("/api/v1/users?page=two");
        var p = await r.ReadProblem();
        Assert.Equal(HttpStatusCode.BadRequest, p.Status);
        Assert.Contains("page", p.Json!["detail"]!.GetValue<string>());
    }
}
