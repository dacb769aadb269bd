using System.Security.Cryptography;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// phones.md, "What Switchboard keeps for the registrar": the sip_subscribers view holds exactly
/// each user's extension, client SIP domain and both HA1s after every kind of change (create, edit,
/// import, a client's new SIP domain, delete); the HA1s appear in no API answer or export.
/// </summary>
public sealed class SipSubscribersFollowEveryChange(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));

    private static (string, string, string, string) Row(string extension, string domain, string secret) =>
        (extension, domain, Md5($"{extension}:{domain}:{secret}"), Md5($"{extension}@{domain}:{domain}:{secret}"));

    /// <summary>The view's rows for these domains, sorted.</summary>
    private List<(string, string, string, string)> View(params string[] domains)
    {
        using var c = app.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT username, domain, ha1, ha1b FROM sip_subscribers ORDER BY domain, username";
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, string, string, string)>();
        while (r.Read())
            if (domains.Contains(r.GetString(1))) rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        return rows;
    }

    [Fact]
    public async Task The_view_holds_each_users_credentials_after_every_change()
    {
        var t = await SipTenant.CreateAsync(app);
        var (a, b) = (t.Domain, t.OtherDomain);

        var ann = await t.CreateUserAsync("201", "Ann-Secret-First-1x");
        var bob = await t.CreateUserAsync("202", "Bob-Secret-First-2x");
        var other = await t.CreateUserAsync("201", "Other-Client-Secret-3x", t.OtherClient);
        Assert.Equal([Row("201", a, "Ann-Secret-First-1x"), Row("202", a, "Bob-Secret-First-2x"), Row("201", b, "Other-Client-Secret-3x")], View(a, b));

        // Single-user edits: the secret, then the extension.
        await t.UpdateUserAsync(ann, new { phoneSecret = "Ann-Secret-Second-1y" });
        await t.UpdateUserAsync(bob, new { extension = "212" });
        // An edit that touches neither keeps them.
        await t.UpdateUserAsync(ann, new { department = "Sales" });
        Assert.Equal([Row("201", a, "Ann-Secret-Second-1y"), Row("212", a, "Bob-Secret-First-2x"), Row("201", b, "Other-Client-Secret-3x")], View(a, b));

        // An import: a swap of extensions, a new secret, a new user.
        await t.ImportAsync(
            new() { ["ID"] = SipTenant.I(ann), ["Extension"] = "212", ["Phone Secret"] = "Ann-Secret-Third-1z" },
            new() { ["ID"] = SipTenant.I(bob), ["Extension"] = "201", ["Phone Secret"] = "Bob-Secret-First-2x" });
        await t.ImportAsync(
            new Dictionary<string, string> { ["ID"] = "", ["First Name"] = "Cy", ["Last Name"] = "New", ["Email"] = $"cy-{t.Tag}@example.test", ["Extension"] = "203",
                    ["Phone Secret"] = "Cy-Secret-First-4x" });
        Assert.Equal([Row("201", a, "Bob-Secret-First-2x"), Row("203", a, "Cy-Secret-First-4x"), Row("212", a, "Ann-Secret-Third-1z"),
                      Row("201", b, "Other-Client-Secret-3x")], View(a, b));

        // The client's SIP domain: every user of it moves, the other client's stay.
        var moved = $"moved-{t.Tag}.pbx.test";
        await t.SetDomainAsync(t.Client, moved);
        Assert.Empty(View(a));
        Assert.Equal([Row("201", moved, "Bob-Secret-First-2x"), Row("203", moved, "Cy-Secret-First-4x"), Row("212", moved, "Ann-Secret-Third-1z")], View(moved));
        Assert.Equal([Row("201", b, "Other-Client-Secret-3x")], View(b));

        await t.DeleteUserAsync(bob);
        await t.DeleteUserAsync(other);
        Assert.Equal([Row("203", moved, "Cy-Secret-First-4x"), Row("212", moved, "Ann-Secret-Third-1z")], View(moved, b));

        // Never in the API (even with secrets asked for) or an export.
        var ha1s = View(moved).SelectMany(r => new[] { r.Item3, r.Item4 }).ToList();
        var answers = new List<string>
        {
            (await t.Admin.GetUser(ann, secrets: true)).ToJsonString(),
            (await t.Admin.GetJson($"/api/v1/users?clientId={t.Client}")).ToJsonString(),
            System.Text.Encoding.UTF8.GetString((await t.ClientAdmin.Export("?includeSecrets=true")).Bytes),
        };
        foreach (var text in answers)
        {
            Assert.DoesNotContain("ha1", text, StringComparison.OrdinalIgnoreCase);
            foreach (var h in ha1s) Assert.DoesNotContain(h, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
