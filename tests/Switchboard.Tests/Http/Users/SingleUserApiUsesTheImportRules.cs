using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>POST/PUT/GET/DELETE /api/v1/users apply the same rules as users.csv.</summary>
public sealed class SingleUserApiUsesTheImportRules(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static object NewUser(World w, string extension, string? pin = null) => new Dictionary<string, object?>
    {
        ["firstName"] = "Api", ["lastName"] = "User", ["email"] = $"api-{extension}-{w.Tag}@example.test",
        ["extension"] = extension, ["voicemailPin"] = pin,
    };

    [Theory]
    [InlineData("1234")]
    [InlineData("0000")]
    [InlineData("9876")]
    [InlineData("12")]
    public async Task A_weak_pin_is_a_400_problem_keyed_by_voicemailPin_and_creates_nothing(string pin)
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var r = await a1.PostAsJsonAsync("/api/v1/users", NewUser(w, "7301", pin));
        var p = await r.ReadProblem();
        Assert.Equal(HttpStatusCode.BadRequest, p.Status);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var errors = p.Json!["errors"]!.AsObject();
        Assert.Equal(["voicemailPin"], errors.Select(e => e.Key));
        Assert.NotEmpty(errors["voicemailPin"]!.AsArray());
        Assert.DoesNotContain((await a1.Export()).Rows, x => x["Extension"] == "7301");
    }

    [Fact]
    public async Task Create_checks_extension_pin_against_extension_and_uniqueness_like_an_import_row()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var created = await a1.PostJson("/api/v1/users", NewUser(w, "7302"));
        Assert.Equal("7302", created.Str("extension"));
        Assert.Null(created["voicemailPin"]); // answers to changes carry no secret
        Assert.Matches(@"^\d{4,10}$", (await a1.GetUser(created["id"]!.GetValue<int>(), secrets: true)).Str("voicemailPin") ?? "");  // generated

        async Task<string[]> Keys(object body)
        {
            var p = await (await a1.PostAsJsonAsync("/api/v1/users", body)).ReadProblem();
            Assert.Equal(HttpStatusCode.BadRequest, p.Status);
            return p.Json!["errors"]!.AsObject().Select(e => e.Key).ToArray();
        }
        Assert.Equal(["extension"], await Keys(NewUser(w, "9110")));                        // shadows 911
        Assert.Equal(["voicemailPin"], await Keys(NewUser(w, "73035", "73035")));            // PIN = extension
        var dupExt = (Dictionary<string, object?>)NewUser(w, "7302");
        dupExt["email"] = $"other-{w.Tag}@example.test";
        Assert.Equal(["extension"], await Keys(dupExt));
        var dupEmail = (Dictionary<string, object?>)NewUser(w, "7304");
        dupEmail["email"] = created.Str("email")!.ToUpperInvariant();
        Assert.Equal(["email"], await Keys(dupEmail));
    }

    [Fact]
    public async Task A_partial_PUT_changes_only_the_fields_it_names_and_null_clears_an_optional_one()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Desk(World.RandomMac(), ("Department", "Before"), ("User Profile ID", Kit.I(w.ProfA1)), ("DND On", "yes")));
        var before = await a1.GetUser(ids[0], secrets: true);

        var r = await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", new { department = "After" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var after = await a1.GetUser(ids[0], secrets: true);
        Assert.Equal("After", after.Str("department"));
        before["department"] = "After";
        Assert.Equal(before.ToJsonString(), after.ToJsonString());

        r = await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", new JsonObject { ["userProfileId"] = null });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        after = await a1.GetUser(ids[0], secrets: true);
        Assert.Null(after["userProfileId"]);
        before["userProfileId"] = null; // every documented property is present, null when empty
        Assert.Equal(before.ToJsonString(), after.ToJsonString());

        // A PUT breaking a rule changes nothing.
        var bad = await (await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", new { department = "Again", macAddress = "" })).ReadProblem();
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("macAddress", bad.Json!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(after.ToJsonString(), (await a1.GetUser(ids[0], secrets: true)).ToJsonString());
    }

    [Fact]
    public async Task Delete_then_get_is_404_and_the_deleted_users_sign_in_stops_working()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var person = w.Person(("Web Passwords", "Soon-Gone-Pass-88"));
        var ids = await a1.CreateUsers(person);
        var self = await app.SignInAsync(person["Email"], "Soon-Gone-Pass-88");

        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        var gone = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/users/{ids[0]}");
        var missing = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/users/{Kit.Missing}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal(missing.Shape, gone.Shape);
        Assert.Equal(HttpStatusCode.NotFound, (await a1.DeleteAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        Assert.DoesNotContain((await a1.Export()).Rows, r => r["Email"] == person["Email"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await self.GetAsync("/api/v1/me")).StatusCode);

        // Its email and extension are free again.
        await a1.CreateUsers(w.Soft(("Email", person["Email"]), ("Extension", person["Extension"])));
    }

    [Fact]
    public async Task Deleting_a_template_or_profile_still_used_is_409_and_succeeds_once_unused()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var tpl = (await a1.PostJson("/api/v1/provisioning-templates", new { name = $"In use {w.Tag}", phoneModelId = w.PmPoly, body = "x" })).Id();
        var prof = (await a1.PostJson("/api/v1/user-profiles", new { name = $"In use {w.Tag}" })).Id();
        var ids = await a1.CreateUsers(w.Soft(("Phone Model ID", Kit.I(w.PmPoly)), ("Provisioning Template ID", Kit.I(tpl)),
            ("Mac Address", World.RandomMac()), ("User Profile ID", Kit.I(prof))));

        Assert.Equal(HttpStatusCode.Conflict, (await a1.ProblemOf(HttpMethod.Delete, $"/api/v1/provisioning-templates/{tpl}")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await a1.ProblemOf(HttpMethod.Delete, $"/api/v1/user-profiles/{prof}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await a1.GetAsync($"/api/v1/provisioning-templates/{tpl}")).StatusCode);

        var soft = new JsonObject { ["phoneModelId"] = null, ["provisioningTemplateId"] = null, ["macAddress"] = null, ["userProfileId"] = null };
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", soft)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/provisioning-templates/{tpl}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/user-profiles/{prof}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a1.GetAsync($"/api/v1/provisioning-templates/{tpl}")).StatusCode);
    }
}
