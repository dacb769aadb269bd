using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 8: an absent column contributes the user's current value; a required column absent fails creates.</summary>
public sealed class AbsentColumnsLeaveFieldsUnchanged(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task A_file_with_only_ID_and_Department_changes_only_departments()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(
            w.Desk(World.RandomMac(), ("Department", "Old"), ("User Profile ID", Kit.I(w.ProfA1)), ("Forward Number", "+14155550100"), ("DND On", "yes")),
            w.Soft(("Department", "Old"), ("Language", "de"), ("Callwaiting on", "no")));
        var before = await Task.WhenAll(ids.Select(i => a1.GetUser(i, secrets: true)));

        // Forgiving header spelling, columns in another order.
        var r = await a1.Import($"department,id\r\nNew,{ids[0]}\r\n,{ids[1]}\r\n");
        r.AssertCounts(created: 0, updated: 2, unchanged: 0, failed: 0);

        var after = await Task.WhenAll(ids.Select(i => a1.GetUser(i, secrets: true)));
        Assert.Equal("New", after[0].Str("department"));
        Assert.Null(after[1]["department"]); // empty = cleared
        for (var i = 0; i < ids.Length; i++)
        {
            before[i].Remove("department");
            after[i].Remove("department");
            Assert.Equal(before[i].ToJsonString(), after[i].ToJsonString());
        }
    }

    [Fact]
    public async Task Without_an_Extension_column_creates_fail_while_updates_in_the_same_file_apply()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var existing = w.Soft();
        var ids = await a1.CreateUsers(existing);
        var fresh = w.Soft();
        string[] headers = ["ID", "First Name", "Last Name", "Email"];
        var r = await a1.ImportRows([
            new Dictionary<string, string>(existing) { ["ID"] = Kit.I(ids[0]), ["First Name"] = "Changed" },
            fresh,
        ], headers);
        r.AssertCounts(created: 0, updated: 1, failed: 1);
        Assert.Equal([3], r.FailedRows);
        Assert.Equal(["Extension"], r.Columns(3));
        Assert.Contains("Extension column", r.Said(3), StringComparison.Ordinal);
        Assert.Equal("Changed", (await a1.GetUser(ids[0])).Str("firstName"));
        Assert.Equal(existing["Extension"], (await a1.GetUser(ids[0])).Str("extension"));
    }

    [Fact]
    public async Task A_file_with_only_ID_and_Mac_Address_moves_desk_phones_and_fails_for_softphone_users()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Desk(World.RandomMac()), w.Soft());
        var newMac = World.RandomMac();
        var r = await a1.Import($"ID,Mac Address\r\n{ids[0]},{newMac}\r\n{ids[1]},{World.RandomMac()}\r\n");
        r.AssertCounts(updated: 1, failed: 1);
        Assert.Equal([3], r.FailedRows);
        Assert.Contains("Mac Address", r.Columns(3));
        Assert.Equal(newMac, (await a1.GetUser(ids[0])).Str("macAddress"));
        Assert.Null((await a1.GetUser(ids[1]))["macAddress"]);
    }

    [Fact]
    public async Task Emptying_the_device_cells_makes_a_softphone_but_a_kept_mac_on_a_softphone_row_fails()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Desk(World.RandomMac()), w.Desk(World.RandomMac()));
        var r = await a1.Import(
            "ID,Phone Model ID,Provisioning Template ID,Mac Address\r\n" +
            $"{ids[0]},,,\r\n" +
            $"{ids[1]},{w.PmYea},,\r\n");
        r.AssertCounts(updated: 1, failed: 1);
        var soft = await a1.GetUser(ids[0]);
        Assert.Null(soft["phoneModelId"]);
        Assert.Null(soft["provisioningTemplateId"]);
        Assert.Null(soft["macAddress"]);
        Assert.Contains("Provisioning Template ID", r.Columns(3));
        Assert.Contains("Mac Address", r.Columns(3));

        // Model and template cleared, MAC column absent: the MAC stays, so the row would leave a softphone with a MAC.
        var kept = await a1.Import($"ID,Phone Model ID,Provisioning Template ID\r\n{ids[1]},,\r\n");
        kept.AssertCounts(updated: 0, failed: 1);
        Assert.Equal(["Mac Address"], kept.Columns(2));
        Assert.NotNull((await a1.GetUser(ids[1]))["macAddress"]);
    }
}
