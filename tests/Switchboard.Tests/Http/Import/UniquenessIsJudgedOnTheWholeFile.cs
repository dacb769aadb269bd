using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 3: email, extension and MAC uniqueness against the state the whole file leads to.</summary>
public sealed class UniquenessIsJudgedOnTheWholeFile(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static Dictionary<string, string> Row(int id, params (string Header, string Value)[] cells)
    {
        var d = new Dictionary<string, string> { ["ID"] = Kit.I(id) };
        foreach (var (h, v) in cells) d[h] = v;
        return d;
    }

    [Fact]
    public async Task Two_users_swap_extensions_and_three_rotate_them_in_one_file()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft(("Extension", "3101")), w.Soft(("Extension", "3102")), w.Soft(("Extension", "3103")));
        string[] h = ["ID", "Extension"];

        (await a1.ImportRows([Row(ids[0], ("Extension", "3102")), Row(ids[1], ("Extension", "3101"))], h))
            .AssertCounts(created: 0, updated: 2, unchanged: 0, failed: 0);
        Assert.Equal("3102", (await a1.GetUser(ids[0])).Str("extension"));
        Assert.Equal("3101", (await a1.GetUser(ids[1])).Str("extension"));

        (await a1.ImportRows([Row(ids[0], ("Extension", "3103")), Row(ids[1], ("Extension", "3102")), Row(ids[2], ("Extension", "3101"))], h))
            .AssertCounts(updated: 3, failed: 0);
        Assert.Equal(new string?[] { "3103", "3102", "3101" }, await Task.WhenAll(ids.Select(async i => (await a1.GetUser(i)).Str("extension"))));
    }

    [Fact]
    public async Task A_mac_passes_from_one_desk_phone_to_another_user_and_two_desk_phones_swap_macs()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        string m1 = World.RandomMac(), m2 = World.RandomMac(), m3 = World.RandomMac();
        var ids = await a1.CreateUsers(w.Desk(m1), w.Soft(), w.Desk(m3));

        // User 0 gets a new phone (m2); softphone user 1 takes user 0's old phone (m1), written the way a label shows it.
        var r = await a1.ImportRows([
            Row(ids[0], ("Phone Model ID", Kit.I(w.PmYea)), ("Provisioning Template ID", Kit.I(w.TplYea)), ("Mac Address", m2)),
            Row(ids[1], ("Phone Model ID", Kit.I(w.PmYea)), ("Provisioning Template ID", Kit.I(w.TplYea)), ("Mac Address", m1.Replace(":", "-").ToLowerInvariant())),
        ], ["ID", "Phone Model ID", "Provisioning Template ID", "Mac Address"]);
        r.AssertCounts(updated: 2, failed: 0);
        Assert.Equal(m2, (await a1.GetUser(ids[0])).Str("macAddress"));
        Assert.Equal(m1, (await a1.GetUser(ids[1])).Str("macAddress"));

        // Straight swap between two desk phones.
        (await a1.ImportRows([Row(ids[1], ("Mac Address", m3)), Row(ids[2], ("Mac Address", m1))], ["ID", "Mac Address"]))
            .AssertCounts(updated: 2, failed: 0);
        Assert.Equal(m3, (await a1.GetUser(ids[1])).Str("macAddress"));
        Assert.Equal(m1, (await a1.GetUser(ids[2])).Str("macAddress"));
    }

    [Fact]
    public async Task Duplicates_inside_the_file_fail_every_claiming_row_and_name_the_other_rows()
    {
        var w = await World.CreateAsync(app);
        var mac = World.RandomMac();
        var email = $"same-{w.Tag}@example.test";
        var rows = new[]
        {
            w.Soft(("Extension", "4401")),                       // 2
            w.Soft(("Extension", "4401")),                       // 3
            w.Soft(("Email", email)),                            // 4
            w.Soft(("Email", email.ToUpperInvariant())),         // 5
            w.Soft(("Email", " " + email + " ")),                // 6
            w.Desk(mac),                                         // 7
            w.Desk(mac.Replace(":", "").ToLowerInvariant()),     // 8
            w.Soft(),                                            // 9: fine
        };
        var r = await w.As["A1"].ImportRows(rows);
        r.AssertCounts(created: 1, failed: 7);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], r.FailedRows);
        Assert.Matches(@"\b3\b", r.Said(2, "Extension"));
        Assert.Matches(@"\b2\b", r.Said(3, "Extension"));
        foreach (var (row, others) in new[] { (4, new[] { 5, 6 }), (5, new[] { 4, 6 }), (6, new[] { 4, 5 }) })
        {
            var said = r.Said(row, "Email");
            Assert.All(others, o => Assert.Matches($@"\b{o}\b", said));
        }
        Assert.Matches(@"\b8\b", r.Said(7, "Mac Address"));
        Assert.Matches(@"\b7\b", r.Said(8, "Mac Address"));
    }

    [Fact]
    public async Task A_failed_row_keeps_its_old_values_so_rows_that_take_them_fail_in_a_chain()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var x = w.Soft(("Extension", "5101"));
        var y = w.Soft(("Extension", "5102"));
        var ids = await a1.CreateUsers(x, y);
        var newcomer = w.Soft(("Extension", "5102"));
        var r = await a1.ImportRows([
            new Dictionary<string, string>(x) { ["ID"] = Kit.I(ids[0]), ["Extension"] = "5109", ["Voicemail Pin"] = "1111" }, // 2: fails (weak PIN), keeps 5101
            new Dictionary<string, string>(y) { ["ID"] = Kit.I(ids[1]), ["Extension"] = "5101" }, // 3: 5101 is still taken: fails, keeps 5102
            newcomer,                                                                               // 4: 5102 is still taken: fails
        ]);
        r.AssertCounts(created: 0, updated: 0, failed: 3);
        Assert.Equal(["Voicemail Pin"], r.Columns(2));
        Assert.Equal(["Extension"], r.Columns(3));
        Assert.Contains("row 2", r.Said(3, "Extension"), StringComparison.Ordinal); // names the row that would have freed it
        Assert.Equal(["Extension"], r.Columns(4));
        Assert.Equal("5101", (await a1.GetUser(ids[0])).Str("extension"));
        Assert.Equal("5102", (await a1.GetUser(ids[1])).Str("extension"));
        var (_, exported) = await a1.Export();
        Assert.DoesNotContain(exported, x => x["Email"] == newcomer["Email"]);
    }

    [Fact]
    public async Task Two_users_swap_emails_and_a_new_user_takes_the_email_extension_and_mac_an_existing_user_gives_up()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var (macOld, macNew) = (World.RandomMac(), World.RandomMac());
        var a = w.Person(("Web Passwords", "Swap-Login-Pass-1"));
        var b = w.Soft();
        var c = w.Desk(macOld);
        var ids = await a1.CreateUsers(a, b, c);
        var newcomer = w.Desk(macOld, ("Email", c["Email"]), ("Extension", c["Extension"]));
        var r = await a1.ImportRows([
            new Dictionary<string, string>(a) { ["ID"] = Kit.I(ids[0]), ["Email"] = b["Email"], ["Web Passwords"] = "" },
            new Dictionary<string, string>(b) { ["ID"] = Kit.I(ids[1]), ["Email"] = a["Email"] },
            new Dictionary<string, string>(c) { ["ID"] = Kit.I(ids[2]), ["Email"] = $"c-moved-{w.Tag}@example.test", ["Extension"] = "5301", ["Mac Address"] = macNew },
            newcomer,
        ]);
        r.AssertCounts(created: 1, updated: 3, failed: 0);
        Assert.Equal(b["Email"], (await a1.GetUser(ids[0])).Str("email"));
        Assert.Equal(a["Email"], (await a1.GetUser(ids[1])).Str("email"));
        var byEmail = (await a1.Export()).Rows.ByEmail();
        Assert.Equal((c["Extension"], macOld), (byEmail[c["Email"]]["Extension"], byEmail[c["Email"]]["Mac Address"]));
        Assert.Equal(Kit.I(ids[2]), byEmail[$"c-moved-{w.Tag}@example.test"]["ID"]);
        // The web login moved with the email: user a signs in with b's old address.
        var me = await app.SignInAsync(b["Email"], "Swap-Login-Pass-1");
        Assert.Equal(ids[0], (await me.GetJson("/api/v1/me")).Id());
    }
}
