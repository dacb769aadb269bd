using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// product.md, "Undo an import": a user changed since the import is left as it is and reported "not
/// reverted: changed since by ... at ..."; a value another user holds now leaves that user as it is,
/// with the cause; every other row is reverted. Sign-ins and reading secrets are not changes.
/// </summary>
public sealed class UndoIsPartialLikeImports(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Users_changed_since_or_whose_value_is_taken_are_reported_and_every_other_row_is_reverted()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var edited = w.Soft(("Department", "Old"));
        var selfServed = w.Person(("Web Passwords", "Self-Served-Pass-61"));
        var taken = w.Soft();
        var quiet = w.Person(("Web Passwords", "Quiet-User-Pass-44"), ("Department", "Quiet"));
        var ids = await a1.CreateUsers(edited, selfServed, taken, quiet);
        var createdThenEdited = w.Soft();
        var rows = new[]
        {
            new Dictionary<string, string>(edited) { ["ID"] = Kit.I(ids[0]), ["Department"] = "Imported" },
            new Dictionary<string, string>(selfServed) { ["ID"] = Kit.I(ids[1]), ["Department"] = "Imported" },
            new Dictionary<string, string>(taken) { ["ID"] = Kit.I(ids[2]), ["Department"] = "Imported", ["Extension"] = "6543" },
            new Dictionary<string, string>(quiet) { ["ID"] = Kit.I(ids[3]), ["Department"] = "Imported" },
            new Dictionary<string, string>(createdThenEdited) { ["ID"] = "" },
        };
        var import = await a1.ImportRows(rows, ["ID", "First Name", "Last Name", "Email", "Extension", "Department"]);
        import.AssertCounts(created: 1, updated: 4, failed: 0);
        var newId = (await a1.Export()).Rows.Single(r => r["Email"] == createdThenEdited["Email"])["ID"];

        // Since the import: an administrator edits one user (API) and the new one (page-like PUT); a user changes
        // its own PIN; the extension the import took from "taken" goes to a new user. A sign-in and reading
        // secrets change nothing.
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/users/{ids[0]}", new { department = "Edited" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/users/{newId}", new { department = "Edited" })).StatusCode);
        var me = await app.SignInAsync(selfServed["Email"], "Self-Served-Pass-61");
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/v1/me/settings", new { voicemailPin = "482615" })).StatusCode);
        var holder = (await a1.PostJson("/api/v1/users", new
        {
            clientId = w.CA1, firstName = "New", lastName = "Holder", email = $"holder-{w.Tag}@example.test", extension = taken["Extension"],
        })).Id();
        await app.SignInAsync(quiet["Email"], "Quiet-User-Pass-44");
        await a1.GetUser(ids[3], secrets: true);

        var undo = await a1.Undo(import.Id);
        Assert.True(undo.Status == "completed", undo.Json.ToJsonString());
        Assert.Equal(1, undo.Reverted());
        Assert.Equal(4, undo.Failed);
        var byUser = undo.Errors.Select(e => e!.AsObject()).ToDictionary(e => e["userId"]!.GetValue<int>());
        Assert.Equal(2, byUser[ids[0]]["row"]!.GetValue<int>());
        Assert.Equal(6, byUser[int.Parse(newId, System.Globalization.CultureInfo.InvariantCulture)]["row"]!.GetValue<int>());
        Assert.Equal(edited["Email"], byUser[ids[0]].Str("email"));

        string Said(int id) => string.Join(" | ", byUser[id]["causes"]!.AsArray().Select(c => c!.AsObject().Str("message")));
        Assert.Matches($@"^Not reverted: changed since by {System.Text.RegularExpressions.Regex.Escape(w.Emails["A1"])} \(api\) at \d{{4}}-\d\d-\d\d \d\d:\d\d UTC\.", Said(ids[0]));
        Assert.Matches($@"^Not reverted: changed since by {System.Text.RegularExpressions.Regex.Escape(selfServed["Email"])} \(self-service\) at ", Said(ids[1]));
        Assert.StartsWith("Not reverted: changed since by", Said(int.Parse(newId, System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);
        var cause = byUser[ids[2]]["causes"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Extension", cause.Str("column"));
        Assert.Equal(taken["Extension"], cause.Str("value"));
        Assert.Contains($"user ID {holder}", cause.Str("message"), StringComparison.Ordinal);

        // Left as they are: the changed users, the one whose extension is taken, and the holder; the quiet one is reverted.
        Assert.Equal("Edited", (await a1.GetUser(ids[0])).Str("department"));
        Assert.Equal("482615", (await a1.GetUser(ids[1], secrets: true)).Str("voicemailPin"));
        Assert.Equal("6543", (await a1.GetUser(ids[2])).Str("extension"));
        Assert.Equal(taken["Extension"], (await a1.GetUser(holder)).Str("extension"));
        Assert.Equal("Edited", (await a1.GetUser(int.Parse(newId, System.Globalization.CultureInfo.InvariantCulture))).Str("department"));
        Assert.Equal("Quiet", (await a1.GetUser(ids[3])).Str("department"));
    }

    [Fact]
    public async Task A_later_import_counts_as_a_change_and_an_email_taken_by_another_client_is_not_named()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var one = w.Soft();
        var two = w.Soft();
        var ids = await a1.CreateUsers(one, two);
        var import = await a1.ImportRows(
        [
            new Dictionary<string, string> { ["ID"] = Kit.I(ids[0]), ["Email"] = $"moved-one-{w.Tag}@example.test" },
            new Dictionary<string, string> { ["ID"] = Kit.I(ids[1]), ["Email"] = $"moved-two-{w.Tag}@example.test" },
        ], ["ID", "Email"]);
        import.AssertCounts(updated: 2);
        // Another client's user takes the first email; a later import changes the second user.
        await w.As["B1"].CreateUsers(w.Soft(("Email", one["Email"])));
        (await a1.ImportRows([new Dictionary<string, string> { ["ID"] = Kit.I(ids[1]), ["Department"] = "Later" }], ["ID", "Department"]))
            .AssertCounts(updated: 1);

        var undo = await a1.Undo(import.Id);
        Assert.Equal(0, undo.Reverted());
        Assert.Equal(2, undo.Failed);
        var first = undo.Errors.Single(e => e!["userId"]!.GetValue<int>() == ids[0])!["causes"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Email", first.Str("column"));
        Assert.Contains("another account", first.Str("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("ID", first.Str("message"), StringComparison.Ordinal);
        var second = undo.Errors.Single(e => e!["userId"]!.GetValue<int>() == ids[1])!["causes"]!.AsArray().Single()!.AsObject();
        Assert.Matches(@"^Not reverted: changed since by .* \(import \d+\) at ", second.Str("message"));
        Assert.Equal($"moved-one-{w.Tag}@example.test", (await a1.GetUser(ids[0])).Str("email"));
    }
}
