using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Import semantics 5 and Devices: an ID of another client's user, template or profile is reported in
/// the same words as one that does not exist; "already taken" never says by whom.
/// </summary>
public sealed class ForeignIdsInImportLookMissing(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static string Words(ImportResult r, int row) => Kit.Masked(string.Join(" | ", r.Causes(row).Select(c => $"{c.Column}: {c.Message}")));

    [Fact]
    public async Task A_row_with_another_clients_user_ID_fails_in_the_same_words_as_a_missing_ID_and_changes_nothing()
    {
        var w = await World.CreateAsync(app);
        var a2User = w.Soft(("Department", "A2 dept"));
        var b1User = w.Soft(("Department", "B1 dept"));
        var a2Id = (await w.As["A2"].CreateUsers(a2User))[0];
        var b1Id = (await w.As["B1"].CreateUsers(b1User))[0];

        Dictionary<string, string> RowFor(int id) => w.Soft(("ID", Kit.I(id)), ("Department", "Hijacked"));
        // Rows 2-4: one row each; rows 5-10: each ID given twice.
        var r = await w.As["A1"].ImportRows([
            RowFor(a2Id), RowFor(b1Id), RowFor(Kit.Missing),
            RowFor(a2Id), RowFor(a2Id), RowFor(b1Id), RowFor(b1Id), RowFor(Kit.Missing), RowFor(Kit.Missing),
        ]);
        r.AssertCounts(created: 0, updated: 0, failed: 9);
        Assert.Contains($"User ID {Kit.Missing} was not found", r.Said(4), StringComparison.Ordinal);
        Assert.Equal(["ID"], r.Columns(4));
        foreach (var row in new[] { 2, 3 }) Assert.Equal(Words(r, 4), Words(r, row));
        foreach (var row in new[] { 5, 6, 7, 8 }) Assert.Equal(Words(r, 9), Words(r, row));
        Assert.Equal("A2 dept", (await w.As["A2"].GetUser(a2Id)).Str("department"));
        Assert.Equal("B1 dept", (await w.As["B1"].GetUser(b1Id)).Str("department"));
    }

    [Fact]
    public async Task Template_and_profile_IDs_the_client_cannot_see_are_reported_like_IDs_that_do_not_exist()
    {
        var w = await World.CreateAsync(app);
        var tplResB = (await w.As["resB"].PostJson("/api/v1/provisioning-templates", new { name = $"B yealink {w.Tag}", phoneModelId = w.PmYea, body = "x" })).Id();
        var tplB1 = (await w.As["B1"].PostJson("/api/v1/provisioning-templates", new { name = $"B1 yealink {w.Tag}", phoneModelId = w.PmYea, body = "x" })).Id();
        var profB1 = (await w.As["B1"].PostJson("/api/v1/user-profiles", new { name = $"B1 prof {w.Tag}" })).Id();
        var tplResA = (await w.As["resA"].PostJson("/api/v1/provisioning-templates", new { name = $"A yealink {w.Tag}", phoneModelId = w.PmYea, body = "x" })).Id();
        Dictionary<string, string> WithTemplate(int tpl) => w.Desk(World.RandomMac(), ("Provisioning Template ID", Kit.I(tpl)));
        Dictionary<string, string> WithProfile(int prof) => w.Soft(("User Profile ID", Kit.I(prof)));

        var r = await w.As["A1"].ImportRows([
            WithTemplate(w.TplYeaA2), WithTemplate(tplResB), WithTemplate(tplB1), WithTemplate(Kit.Missing), // 2-5
            WithProfile(w.ProfA2), WithProfile(profB1), WithProfile(Kit.Missing),                         // 6-8
            WithTemplate(w.TplYea), WithProfile(w.ProfA1), WithTemplate(tplResA), WithTemplate(w.TplYea), // 9-12: system, own, reseller's: fine
        ]);
        r.AssertCounts(created: 4, failed: 7);
        Assert.Equal(["Provisioning Template ID"], r.Columns(5));
        Assert.Equal(["User Profile ID"], r.Columns(8));
        foreach (var row in new[] { 2, 3, 4 }) Assert.Equal(Words(r, 5), Words(r, row));
        foreach (var row in new[] { 6, 7 }) Assert.Equal(Words(r, 8), Words(r, row));
    }

    [Fact]
    public async Task An_email_or_MAC_taken_in_another_tenant_fails_without_saying_by_whom()
    {
        var w = await World.CreateAsync(app);
        var mac = World.RandomMac();
        var b1User = w.Desk(mac);
        var b1Id = (await w.As["B1"].CreateUsers(b1User))[0];

        var r = await w.As["A1"].ImportRows([
            w.Soft(("Email", b1User["Email"].ToUpperInvariant())), // 2: a PBX user of client B1
            w.Soft(("Email", w.Emails["resB"])),                    // 3: reseller B's administrator
            w.Soft(("Email", w.Emails["A2"])),                      // 4: client A2's administrator
            w.Desk(mac.ToLowerInvariant()),                         // 5: B1's phone
        ]);
        r.AssertCounts(created: 0, failed: 4);
        Assert.Equal(["Email"], r.Columns(2));
        Assert.Equal(["Mac Address"], r.Columns(5));
        Assert.Equal(Words(r, 3), Words(r, 2));
        Assert.Equal(Words(r, 4), Words(r, 2));
        foreach (var row in new[] { 2, 5 })
        {
            var said = r.Said(row);
            Assert.DoesNotMatch($@"\b{b1Id}\b", said);
            Assert.DoesNotContain("B1", said, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Tag, said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Extensions_are_unique_per_client_so_another_clients_extension_is_free()
    {
        var w = await World.CreateAsync(app);
        await w.As["B1"].CreateUsers(w.Soft(("Extension", "6201")));
        (await w.As["A1"].ImportRows([w.Soft(("Extension", "6201"))])).AssertCounts(created: 1, failed: 0);
    }
}
