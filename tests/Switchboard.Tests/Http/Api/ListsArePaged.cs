using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Lists answer {"items","total"} and take ?page= and ?pageSize=; search finds by name, email or extension.</summary>
public sealed class ListsArePaged(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Pages_cover_every_user_once_in_id_order_with_the_full_total()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers([.. Enumerable.Range(0, 5).Select(_ => w.Soft())]);
        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var json = await a1.GetJson($"/api/v1/users?page={page}&pageSize=2");
            Assert.Equal(5, json["total"]!.GetValue<int>());
            seen.AddRange(json.Items().Select(i => i.Id()));
        }
        Assert.Equal(ids.Order(), seen);
        Assert.Empty((await a1.GetJson("/api/v1/users?page=4&pageSize=2")).Items());
    }

    [Fact]
    public async Task Search_finds_a_user_by_last_name_email_or_extension_prefix()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var target = w.Soft(("Last Name", $"Zyx{w.Tag}"), ("Extension", "86123"));
        var ids = await a1.CreateUsers(target, w.Soft());
        foreach (var q in new[] { $"zyx{w.Tag}", target["Email"].ToUpperInvariant(), "8612" })
        {
            var found = await a1.GetJson($"/api/v1/users?search={Uri.EscapeDataString(q)}");
            Assert.Equal([ids[0]], found.Items().Select(i => i.Id()));
            Assert.Equal(1, found["total"]!.GetValue<int>());
        }
    }
}
