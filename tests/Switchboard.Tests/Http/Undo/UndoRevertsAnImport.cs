using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// product.md, "Undo an import": users the import created are deleted, users it updated get back
/// exactly what they had (secrets, web password, MAC, extension; swaps swap back), each reverted user
/// audited with the source "undo of import N", and the report has the import's shape.
/// </summary>
public sealed class UndoRevertsAnImport(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task An_undo_deletes_the_created_users_and_gives_the_updated_ones_back_exactly_what_they_had()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var macA = World.RandomMac();
        var ann = w.Desk(macA, ("Web Passwords", "Before-Undo-Pass-41"), ("Phone Secret", "BeforeSecret4417x"), ("Voicemail Pin", "580317"),
            ("Department", "Sales"), ("Forward Number", "+442079460001"), ("User Profile ID", Kit.I(w.ProfA1)), ("Language", "fr"));
        var bob = w.Soft(("Department", "Support"), ("DND On", "yes"));
        var cid = w.Soft();
        var ids = await a1.CreateUsers(ann, bob, cid);
        var (before, _) = await a1.Export("?includeSecrets=true");

        // Ann and Bob swap extensions; Ann gets new secrets, a new password, another MAC, no profile; Cid passes his
        // extension on to a new user; two users are new.
        var macNew = World.RandomMac();
        var fresh1 = w.Soft();
        var fresh2 = w.Soft(("Extension", cid["Extension"]));
        var rows = new[]
        {
            new Dictionary<string, string>(ann)
            {
                ["ID"] = Kit.I(ids[0]), ["Extension"] = bob["Extension"], ["Web Passwords"] = "After-Import-Pass-52", ["Phone Secret"] = "AfterSecret8812y",
                ["Voicemail Pin"] = "730495", ["Mac Address"] = macNew, ["User Profile ID"] = "", ["Department"] = "", ["Language"] = "de",
            },
            new Dictionary<string, string>(bob) { ["ID"] = Kit.I(ids[1]), ["Extension"] = ann["Extension"], ["DND On"] = "no", ["First Name"] = "Robert" },
            new Dictionary<string, string>(cid) { ["ID"] = Kit.I(ids[2]), ["Extension"] = "7321" },
            fresh1, fresh2,
        };
        var import = await a1.ImportRows(rows);
        import.AssertCounts(created: 2, updated: 3, failed: 0);
        Assert.Equal("import", import.Json.Str("kind"));
        var annSession = await app.SignInAsync(ann["Email"], "After-Import-Pass-52");

        var undo = await a1.Undo(import.Id);
        Assert.True(undo.Status == "completed", undo.Json.ToJsonString());
        Assert.Equal("undo", undo.Json.Str("kind"));
        Assert.Equal(import.Id, undo.Json["undoes"]!.GetValue<int>());
        Assert.Equal(5, undo.Reverted());
        Assert.Equal(0, undo.Failed);
        Assert.Empty(undo.Errors);
        Assert.Equal(undo.Id, (await a1.GetJson($"/api/v1/imports/{import.Id}"))["undoneBy"]!.GetValue<int>());

        // Byte for byte the export before the import: secrets, PIN, MAC, profile, language, the swap swapped back, no new users.
        Assert.Equal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString((await a1.Export("?includeSecrets=true")).Bytes));
        // The web password is the one before the import.
        await app.SignInAsync(ann["Email"], "Before-Undo-Pass-41");
        var refused = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = ann["Email"], password = "After-Import-Pass-52" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Like any new password, the restored one ends the sessions signed in with the import's.
        Assert.Equal(HttpStatusCode.Unauthorized, (await annSession.GetAsync("/api/v1/me")).StatusCode);

        // Audited: every reverted user with the source "undo of import N", secrets only named.
        var audit = (await a1.GetJson("/api/v1/audit?pageSize=500")).Items().Where(e => e.Str("source") == $"undo of import {import.Id}").ToList();
        Assert.Equal(2, audit.Count(e => e.Str("action") == "user.delete"));
        var annEntry = audit.Single(e => e.Str("action") == "user.update" && e["entityId"]!.GetValue<int>() == ids[0]);
        var changes = annEntry["changes"]!.ToJsonString();
        Assert.Contains("\"Web Passwords\"", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("BeforeSecret4417x", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("580317", changes, StringComparison.Ordinal);
        Assert.Equal(3, audit.Count(e => e.Str("action") == "user.update"));
        Assert.Single(audit, e => e.Str("action") == "users.undo");
    }

    [Fact]
    public async Task A_user_given_its_first_web_password_by_the_import_has_none_again_after_the_undo()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var person = w.Soft();
        var ids = await a1.CreateUsers(person);
        var import = await a1.ImportRows([new Dictionary<string, string> { ["ID"] = Kit.I(ids[0]), ["Web Passwords"] = "First-Web-Pass-931" }],
            ["ID", "Web Passwords"]);
        import.AssertCounts(updated: 1);
        var session = await app.SignInAsync(person["Email"], "First-Web-Pass-931");

        var undo = await a1.Undo(import.Id);
        Assert.Equal(1, undo.Reverted());
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        var r = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person["Email"], password = "First-Web-Pass-931" });
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task Imports_undone_newest_first_are_each_reverted()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var person = w.Soft(("Department", "First"));
        var create = await a1.ImportRows([person]);
        var id = int.Parse((await a1.Export()).Rows.Single()["ID"], System.Globalization.CultureInfo.InvariantCulture);
        var update = await a1.ImportRows([new Dictionary<string, string> { ["ID"] = Kit.I(id), ["Department"] = "Second" }], ["ID", "Department"]);
        update.AssertCounts(updated: 1);

        Assert.Equal(1, (await a1.Undo(update.Id)).Reverted());
        Assert.Equal("First", (await a1.GetUser(id)).Str("department"));
        // The later import and its undo cancel out: the user is as the first import left it.
        var undo = await a1.Undo(create.Id);
        Assert.True(undo.Reverted() == 1 && undo.Failed == 0, undo.Json.ToJsonString());
        Assert.Empty((await a1.Export()).Rows);
    }

    [Fact]
    public async Task An_undo_waits_in_the_clients_queue_behind_imports_uploaded_before_it()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var first = await a1.ImportRows([w.Soft()]);
        var second = await a1.Upload(Encoding.UTF8.GetBytes(Csv.Write([w.Soft()])));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var undo = await a1.Undo(first.Id);
        var secondJob = await a1.GetJson(second.Headers.Location!.ToString());
        Assert.Equal("completed", secondJob.Str("status"));
        Assert.True(undo.Json["startedAt"]!.GetValue<DateTime>() >= secondJob["finishedAt"]!.GetValue<DateTime>(), undo.Json.ToJsonString());
        Assert.Equal(1, undo.Reverted());
        Assert.Single((await a1.Export()).Rows);
    }
}
