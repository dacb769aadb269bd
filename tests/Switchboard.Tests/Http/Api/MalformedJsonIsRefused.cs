using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// JSON that is not well formed for the API — a property given twice (also in another case), a lone
/// surrogate, bytes that are not UTF-8, a property of the wrong JSON type — is a 400 problem, never a
/// 500, and changes nothing.
/// </summary>
public sealed class MalformedJsonIsRefused(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static ByteArrayContent Body(byte[] bytes)
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return c;
    }

    private static ByteArrayContent Body(string json) => Body(Encoding.UTF8.GetBytes(json));

    private static async Task Refused(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode} {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> Bad => new()
    {
        """{"extension":"8901","extension":"911"}""",
        """{"extension":"8901","Extension":"911"}""",
        """{"firstName":"A\ud800"}""",
        """{"firstName":"\udc00B"}""",
        """{"firstName":{"x":1}}""",
        """{"firstName":["x"]}""",
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task A_user_create_or_update_with_malformed_json_is_a_400(string body)
    {
        var w = await SharedWorld.For(app);
        var json = body.Replace("{", $$"""{"clientId":{{w.CA1}},"lastName":"Bad","email":"bad-{{w.Tag}}@example.test",""", StringComparison.Ordinal);
        if (!body.Contains("firstName", StringComparison.Ordinal)) json = json.Replace("{", """{"firstName":"Bad",""", StringComparison.Ordinal);
        if (!body.Contains("xtension", StringComparison.Ordinal)) json = json.Replace("{", """{"extension":"4471",""", StringComparison.Ordinal);
        await Refused(await w.As["A1"].PostAsync("/api/v1/users", Body(json)));
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Email"] == $"bad-{w.Tag}@example.test");

        var ids = await w.As["A1"].CreateUsers(w.Soft());
        var before = await w.As["A1"].GetUser(ids[0], secrets: true);
        await Refused(await w.As["A1"].PutAsync($"/api/v1/users/{ids[0]}", Body(body)));
        Assert.Equal(before.ToJsonString(), (await w.As["A1"].GetUser(ids[0], secrets: true)).ToJsonString());
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_a_400_everywhere_json_is_read()
    {
        var w = await SharedWorld.For(app);
        byte[] raw = [0xff, 0xfe, (byte)'{', (byte)'}'];
        byte[] inString = [.. Encoding.UTF8.GetBytes("""{"firstName":"A"""), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\"}")];
        foreach (var bytes in new[] { raw, inString })
            await Refused(await w.As["A1"].PostAsync("/api/v1/users", Body(bytes)));
        await Refused(await app.CreateClient().PostAsync("/api/v1/auth/token", Body(raw)));
        await Refused(await app.CreateClient().PostAsync("/api/v1/auth/token",
            Body([.. Encoding.UTF8.GetBytes("{\"email\":\"a"), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\",\"password\":\"x\"}")])));
    }

    public static TheoryData<string> BadSignIns => new()
    {
        """{"email":"a@b.test","email":"c@d.test","password":"x"}""",
        """{"email":"a@b.test","Email":"c@d.test","password":"x"}""",
        """{"email":"a@b.test","password":"A\ud800"}""",
        """{"email":{"x":1},"password":"x"}""",
    };

    [Theory]
    [MemberData(nameof(BadSignIns))]
    public async Task A_typed_body_with_malformed_json_is_a_400(string body) =>
        await Refused(await app.CreateClient().PostAsync("/api/v1/auth/token", Body(body)));
}
