using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// The audit log (issue 5, point 6): every change to users, templates, profiles, clients and
/// accounts, and every export, with actor, source, time and the changed fields (secrets only named);
/// read by the client's administrators and its reseller, filterable by user and date, kept after a
/// delete. The client address is checked on a real server (Process/AuditRecordsTheClientAddress).
/// </summary>
public sealed class AuditLogRecordsEveryChange(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static List<JsonObject> Entries(JsonObject page) => page.Items();

    private static string Changes(JsonObject e) => e["changes"]!.ToJsonString();

    private static JsonObject? Change(JsonObject e, string field) =>
        e["changes"]!.AsArray().Select(c => c!.AsObject()).FirstOrDefault(c => c["field"]!.GetValue<string>() == field);

    [Fact]
    public async Task Every_user_change_is_recorded_with_who_where_from_and_what_changed_and_secrets_are_only_named()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var created = await a1.PostJson("/api/v1/users", new
        {
            clientId = w.CA1, firstName = "Audrey", lastName = "Trail", email = $"audrey-{w.Tag}@example.test", extension = "4410",
            phoneSecret = "AuditSecret4471x", voicemailPin = "580317", webPassword = "Audit-Web-Pass-77",
        });
        var id = created.Id();
        var put = await a1.PutAsJsonAsync($"/api/v1/users/{id}", new { extension = "4411", voicemailPin = "690428", department = "Accounts" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var page = await a1.GetJson($"/api/v1/audit?userId={id}");
        var entries = Entries(page);
        Assert.Equal(["user.update", "user.create"], entries.Select(e => e.Str("action")));
        var update = entries[0];
        Assert.Equal(w.Emails["A1"], update.Str("actor"));
        Assert.Equal("api", update.Str("source"));
        Assert.Equal(w.CA1, update["clientId"]!.GetValue<int>());
        Assert.Equal("user", update.Str("entityType"));
        Assert.Equal(id, update["entityId"]!.GetValue<int>());
        Assert.Contains($"audrey-{w.Tag}@example.test", update.Str("subject"), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - update["at"]!.GetValue<DateTime>().ToUniversalTime() < TimeSpan.FromMinutes(5));
        Assert.Equal("4410", Change(update, "Extension")!.Str("from"));
        Assert.Equal("4411", Change(update, "Extension")!.Str("to"));
        Assert.Null(Change(update, "Department")!["from"]);
        Assert.Equal("Accounts", Change(update, "Department")!.Str("to"));
        Assert.True(Change(update, "Voicemail Pin")!["secret"]!.GetValue<bool>());
        Assert.Null(Change(update, "First Name")); // only what changed
        Assert.Null(Change(update, "Phone Secret"));
        // A create says who was created; the values it set follow from the later changes' "from" side.
        var create = entries[1];
        Assert.Equal($"Audrey Trail <audrey-{w.Tag}@example.test>, extension 4410", create.Str("subject"));
        Assert.Empty(create["changes"]!.AsArray());
        var all = page.ToJsonString();
        foreach (var secret in new[] { "AuditSecret4471x", "580317", "690428", "Audit-Web-Pass-77" })
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_records_one_entry_per_created_or_updated_user_none_for_unchanged_rows_and_nothing_for_a_dry_run()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var keep = w.Soft();
        var change = w.Soft(("Department", "Old"));
        var ids = await a1.CreateUsers(keep, change);
        var before = (await a1.GetJson($"/api/v1/audit?clientId={w.CA1}&pageSize=500"))["total"]!.GetValue<int>();

        var rows = new[]
        {
            new Dictionary<string, string>(keep) { ["ID"] = Kit.I(ids[0]) },
            new Dictionary<string, string>(change) { ["ID"] = Kit.I(ids[1]), ["Department"] = "New", ["Phone Secret"] = "ImportSecret99zz" },
            w.Soft(), w.Soft(("Extension", "911")),
        };
        (await a1.ImportRows(rows, dryRun: true)).AssertCounts(created: 1, updated: 1, unchanged: 1, failed: 1);
        Assert.Equal(before, (await a1.GetJson($"/api/v1/audit?clientId={w.CA1}"))["total"]!.GetValue<int>());

        var report = await a1.ImportRows(rows);
        report.AssertCounts(created: 1, updated: 1, unchanged: 1, failed: 1);
        var entries = Entries(await a1.GetJson("/api/v1/audit?pageSize=500")).Where(e => e.Str("source") == $"import {report.Id}").ToList();
        Assert.Equal(3, entries.Count);
        var summary = Assert.Single(entries, e => e.Str("action") == "users.import");
        Assert.Equal("created 1, updated 1, unchanged 1, failed 1", summary.Str("details"));
        var updated = Assert.Single(entries, e => e.Str("action") == "user.update");
        Assert.Equal(ids[1], updated["entityId"]!.GetValue<int>());
        Assert.Equal(w.Emails["A1"], updated.Str("actor"));
        Assert.Equal("Old", Change(updated, "Department")!.Str("from"));
        Assert.Equal("New", Change(updated, "Department")!.Str("to"));
        Assert.True(Change(updated, "Phone Secret")!["secret"]!.GetValue<bool>());
        Assert.DoesNotContain("ImportSecret99zz", Changes(updated), StringComparison.Ordinal);
        var createdEntry = Assert.Single(entries, e => e.Str("action") == "user.create");
        Assert.Contains(rows[2]["Email"], createdEntry.Str("subject"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Entries(await a1.GetJson($"/api/v1/audit?userId={ids[0]}")), e => e.Str("source") == $"import {report.Id}");
    }

    [Fact]
    public async Task A_deleted_user_keeps_its_entries_and_the_delete_says_what_was_removed()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var row = w.Soft(("Department", "Gone soon"));
        var id = (await a1.CreateUsers(row))[0];
        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/users/{id}")).StatusCode);

        var entries = Entries(await a1.GetJson($"/api/v1/audit?userId={id}"));
        Assert.Equal(["user.delete", "user.create"], entries.Select(e => e.Str("action")));
        var delete = entries[0];
        Assert.Contains(row["Email"], delete.Str("subject"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Gone soon", Change(delete, "Department")!.Str("from"));
        Assert.Equal(row["Extension"], Change(delete, "Extension")!.Str("from"));
        Assert.Null(Change(delete, "Voicemail Pin"));
    }

    [Fact]
    public async Task Templates_profiles_clients_accounts_and_exports_are_recorded()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var tpl = await a1.PostJson("/api/v1/provisioning-templates", new { name = $"Audit tpl {w.Tag}", phoneModelId = w.PmPoly, body = "x" });
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/provisioning-templates/{tpl.Id()}",
            new { name = $"Audit tpl 2 {w.Tag}", phoneModelId = w.PmPoly, body = "xy" })).StatusCode);
        var profile = await a1.PostJson("/api/v1/user-profiles", new { name = $"Audit prof {w.Tag}" });
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/user-profiles/{profile.Id()}", new { name = $"Audit prof 2 {w.Tag}" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/user-profiles/{profile.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a1.DeleteAsync($"/api/v1/provisioning-templates/{tpl.Id()}")).StatusCode);
        await a1.Export("?includeSecrets=true");

        var entries = Entries(await a1.GetJson("/api/v1/audit?pageSize=500"));
        var actions = entries.Select(e => e.Str("action")).ToList();
        foreach (var a in new[] { "template.create", "template.update", "template.delete", "profile.create", "profile.update", "profile.delete", "users.export", "client.create", "account.create" })
            Assert.Contains(a, actions);
        var rename = entries.First(e => e.Str("action") == "profile.update");
        Assert.Equal($"Audit prof {w.Tag}", Change(rename, "Name")!.Str("from"));
        Assert.Equal($"Audit prof 2 {w.Tag}", Change(rename, "Name")!.Str("to"));
        var tplUpdate = entries.First(e => e.Str("action") == "template.update");
        Assert.Equal($"Audit tpl 2 {w.Tag}", Change(tplUpdate, "Name")!.Str("to"));
        Assert.NotNull(Change(tplUpdate, "Body"));
        var export = entries.First(e => e.Str("action") == "users.export");
        Assert.Equal("with phone secrets and voicemail PINs", export.Str("details"));
        Assert.Equal(w.Emails["A1"], export.Str("actor"));
        // The platform administrator made A1's account: A1 is told by whom by role only, the administrator sees the email.
        var account = entries.First(e => e.Str("action") == "account.create");
        Assert.Equal("a platform administrator", account.Str("actor"));
        Assert.Null(account["actorId"]);
        Assert.Null(account["address"]);
        var asAdmin = Entries(await w.Admin.GetJson($"/api/v1/audit?clientId={w.CA1}&pageSize=500")).First(e => e.Str("action") == "account.create");
        Assert.Equal(SwitchboardApp.AdminEmail, asAdmin.Str("actor"));
    }

    [Fact]
    public async Task The_clients_administrators_and_its_reseller_read_it_and_nobody_else_does()
    {
        var w = await World.CreateAsync(app);
        var id = (await w.As["A1"].CreateUsers(w.Soft()))[0];

        Assert.NotEmpty(Entries(await w.As["resA"].GetJson($"/api/v1/audit?clientId={w.CA1}&userId={id}")));
        Assert.NotEmpty(Entries(await w.As["resA"].GetJson($"/api/v1/audit?userId={id}")));
        Assert.NotEmpty(Entries(await w.Admin.GetJson($"/api/v1/audit?userId={id}")));
        Assert.Empty(Entries(await w.As["A2"].GetJson($"/api/v1/audit?userId={id}")));
        Assert.Empty(Entries(await w.As["resB"].GetJson($"/api/v1/audit?userId={id}")));
        var a2 = Entries(await w.As["A2"].GetJson("/api/v1/audit?pageSize=500"));
        Assert.NotEmpty(a2); // its account and template were created in World
        Assert.All(a2, e => Assert.Equal(w.CA2, e["clientId"]!.GetValue<int>()));
        var foreign = await w.As["resB"].ProblemOf(HttpMethod.Get, $"/api/v1/audit?clientId={w.CA1}");
        var missing = await w.As["resB"].ProblemOf(HttpMethod.Get, "/api/v1/audit?clientId=987654");
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(Kit.Masked(missing.Detail ?? ""), Kit.Masked(foreign.Detail ?? ""));

        var user = w.Person();
        (await w.As["A1"].ImportRows([user])).AssertCounts(created: 1);
        var pbx = await app.SignInAsync(user["Email"], user["Web Passwords"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await pbx.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task A_client_sees_what_its_reseller_did_by_role_only_and_the_reseller_sees_its_own_name()
    {
        var w = await World.CreateAsync(app);
        await w.As["resA"].Export($"?clientId={w.CA1}");
        var asClient = Entries(await w.As["A1"].GetJson("/api/v1/audit?pageSize=500")).First(e => e.Str("action") == "users.export");
        Assert.Equal("a reseller administrator", asClient.Str("actor"));
        Assert.DoesNotContain(w.Emails["resA"], asClient.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var asReseller = Entries(await w.As["resA"].GetJson($"/api/v1/audit?clientId={w.CA1}&pageSize=500")).First(e => e.Str("action") == "users.export");
        Assert.Equal(w.Emails["resA"], asReseller.Str("actor"));
    }

    [Fact]
    public async Task Entries_are_filtered_by_days_both_inclusive()
    {
        var w = await World.CreateAsync(app);
        var id = (await w.As["A1"].CreateUsers(w.Soft()))[0];
        // Days of the entry itself, so a run across midnight (UTC) still means what it says.
        var at = Assert.Single(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}")))["at"]!.GetValue<DateTime>().ToUniversalTime();
        var today = at.ToString("yyyy-MM-dd");
        var tomorrow = at.AddDays(1).ToString("yyyy-MM-dd");
        var yesterday = at.AddDays(-1).ToString("yyyy-MM-dd");

        Assert.Single(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}&from={today}&to={today}")));
        Assert.Single(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}&from={yesterday}")));
        Assert.Empty(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}&from={tomorrow}")));
        Assert.Empty(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}&to={yesterday}")));
        Assert.Single(Entries(await w.As["A1"].GetJson($"/api/v1/audit?userId={id}&from=0001-01-01&to=9999-12-31")));
    }

    [Fact]
    public async Task What_a_pbx_user_changed_itself_stays_attributed_to_it_after_it_is_deleted()
    {
        var w = await World.CreateAsync(app);
        var user = w.Person();
        var id = (await w.As["A1"].CreateUsers(user))[0];
        var pbx = await app.SignInAsync(user["Email"], user["Web Passwords"]);
        Assert.Equal(HttpStatusCode.OK, (await pbx.PutAsJsonAsync("/api/v1/me/settings", new { dndOn = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.As["A1"].DeleteAsync($"/api/v1/users/{id}")).StatusCode);

        foreach (var reader in new[] { w.As["A1"], w.As["resA"] })
        {
            var own = Entries(await reader.GetJson($"/api/v1/audit?userId={id}")).Single(e => e.Str("source") == "self-service");
            Assert.Equal(user["Email"], own.Str("actor"), ignoreCase: true);
            Assert.Equal("Yes", Change(own, "DND On")!.Str("to"));
        }
    }
}
