using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>A PBX user changes its own DND, call waiting, numbers, PIN and password, under the same rules as import.</summary>
public sealed class SelfServiceSettings(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_pbx_user_changes_its_own_settings_and_only_those()
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Web Passwords", "Self-Service-Pass-77"));
        var ids = await w.As["A1"].CreateUsers(person);
        var me = await app.SignInAsync(person["Email"], "Self-Service-Pass-77");

        var r = await me.PutAsJsonAsync("/api/v1/me/settings", new
        {
            dndOn = true, callWaitingOn = false, forwardNumber = "+44 20 7946 0000", voicemailPin = "4826", webPassword = "New-Self-Pass-88", currentPassword = "Self-Service-Pass-77",
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var user = await w.As["A1"].GetUser(ids[0], secrets: true);
        Assert.True(user["dndOn"]!.GetValue<bool>());
        Assert.False(user["callWaitingOn"]!.GetValue<bool>());
        Assert.Equal("+442079460000", user.Str("forwardNumber"));
        Assert.Equal("4826", user.Str("voicemailPin"));
        Assert.Equal(person["Email"], user.Str("email"));
        // The new password ended the token that set it (every session of the account ends).
        Assert.Equal(HttpStatusCode.Unauthorized, (await me.GetAsync("/api/v1/me/settings")).StatusCode);
        me = await app.SignInAsync(person["Email"], "New-Self-Pass-88");

        var settings = await me.GetJson("/api/v1/me/settings");
        Assert.True(settings["dndOn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Weak_values_and_fields_a_user_may_not_change_are_refused_and_nothing_changes()
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Web Passwords", "Self-Service-Pass-77"));
        var ids = await w.As["A1"].CreateUsers(person);
        var me = await app.SignInAsync(person["Email"], "Self-Service-Pass-77");
        var before = await w.As["A1"].GetUser(ids[0], secrets: true);

        var weak = await me.PutAsJsonAsync("/api/v1/me/settings", new { voicemailPin = "1234", dndOn = true });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var errors = (await weak.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("voicemailPin"), errors.ToJsonString());

        var extension = await me.PutAsJsonAsync("/api/v1/me/settings", new { extension = "7777" });
        Assert.Equal(HttpStatusCode.BadRequest, extension.StatusCode);

        var after = await w.As["A1"].GetUser(ids[0], secrets: true);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["A1"].GetAsync("/api/v1/me/settings")).StatusCode);
    }
}
