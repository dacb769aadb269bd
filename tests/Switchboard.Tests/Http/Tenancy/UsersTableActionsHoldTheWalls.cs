using System.Net;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// The Users page's actions on ticked rows (export, delete) and its filters, and the dashboard, inside
/// the tenant walls: another tenant's user in a selection answers exactly like an ID that does not
/// exist, and nothing of the selection is exported or deleted; filters and the dashboard never show
/// another tenant's users or clients.
/// </summary>
public sealed partial class UsersTableActionsHoldTheWalls(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    /// <summary>The sign-out form's antiforgery token differs between any two answers.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex Token();

    private async Task<HttpResponseMessage> PostForm(HttpClient browser, string path, params (string Name, string Value)[] fields)
    {
        var token = await browser.FormToken("/users");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static (string, string) Id(int id) => ("ids", Kit.I(id));

    [Fact]
    public async Task A_selection_with_another_tenants_user_is_refused_whole_like_a_missing_id()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var ownA2 = (await w.As["A2"].CreateUsers(w.Soft()))[0];
        var ownB1 = (await w.As["B1"].CreateUsers(w.Soft()))[0];
        var outsiders = new (string Name, HttpClient Browser, int Own)[]
        {
            ("A2", await app.SignedIn(w.Emails["A2"], SwitchboardApp.AdminPass), ownA2),
            ("B1", await app.SignedIn(w.Emails["B1"], SwitchboardApp.AdminPass), ownB1),
            ("resB", await app.SignedIn(w.Emails["resB"], SwitchboardApp.AdminPass), ownB1),
        };
        var differences = new List<string>();
        foreach (var (name, browser, own) in outsiders)
        {
            foreach (var path in new[] { "/users?handler=Export", "/users/delete", "/users/delete?handler=Confirm" })
            {
                var foreign = await PostForm(browser, path, Id(own), Id(t.User));
                var missing = await PostForm(browser, path, Id(own), Id(Kit.Missing));
                var f = Kit.Masked(Token().Replace(await foreign.Content.ReadAsStringAsync(), "T"));
                var m = Kit.Masked(Token().Replace(await missing.Content.ReadAsStringAsync(), "T"));
                if (foreign.StatusCode != HttpStatusCode.NotFound || missing.StatusCode != HttpStatusCode.NotFound || f != m)
                    differences.Add($"{name} POST {path}: {(int)foreign.StatusCode} for A1's user, {(int)missing.StatusCode} for a missing ID{(f == m ? "" : ", bodies differ")}");
                Assert.DoesNotContain(t.UserEmail, f, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // Nothing was deleted: neither A1's user nor the callers' own users ticked beside it.
        await w.As["A1"].GetUser(t.User);
        await w.As["A2"].GetUser(ownA2);
        await w.As["B1"].GetUser(ownB1);
        // Reseller A sees A1's user but does not delete users: the delete is refused, and nothing is gone.
        var resA = await app.SignedIn(w.Emails["resA"], SwitchboardApp.AdminPass);
        var refused = await PostForm(resA, "/users/delete?handler=Confirm", Id(t.User));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/", new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath); // refused: sent to the start page
        await w.As["A1"].GetUser(t.User);
    }

    [Fact]
    public async Task Export_selected_writes_only_the_ticked_users_and_delete_selected_goes_through_the_delete_command()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var rows = new[] { w.Soft(), w.Soft(), w.Soft() };
        var ids = await w.As["A1"].CreateUsers(rows);
        var a2 = (await w.As["A2"].CreateUsers(w.Soft()))[0];

        // Reseller A exports a selection across its two clients: those users only, with the Client column.
        var resA = await app.SignedIn(w.Emails["resA"], SwitchboardApp.AdminPass);
        var export = await PostForm(resA, "/users?handler=Export", Id(ids[0]), Id(a2));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = Csv.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal([Kit.I(ids[0]), Kit.I(a2)], csv.Select(r => r["ID"].TrimStart('\'')).ToArray());
        Assert.Equal([$"Client A1 {w.Tag}", $"Client A2 {w.Tag}"], csv.Select(r => r["Client"]).ToArray());
        Assert.All(csv, r => Assert.Equal("", r["Phone Secret"]));

        // The client administrator sees the count, then deletes: each user as the API's DELETE would, audited as from the page.
        var a1 = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var confirm = await PostForm(a1, "/users/delete", Id(ids[0]), Id(ids[1]), ("returnUrl", "/users?Department=x"));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("Delete 2 users", html);
        Assert.Contains(rows[1]["Email"], html);
        await w.As["A1"].GetUser(ids[0]); // asking is not deleting

        var done = await PostForm(a1, "/users/delete?handler=Confirm", Id(ids[0]), Id(ids[1]), ("returnUrl", "/users?Department=x"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/users?Department=x", done.Headers.Location!.OriginalString);
        foreach (var gone in ids[..2])
            Assert.Equal(HttpStatusCode.NotFound, (await w.As["A1"].GetAsync($"/api/v1/users/{gone}")).StatusCode);
        await w.As["A1"].GetUser(ids[2]);
        var audit = (await w.As["A1"].GetJson($"/api/v1/audit?userId={ids[0]}")).Items();
        Assert.Contains(audit, a => a.Str("action") == "user.delete" && a.Str("source") == "page");

        // A return address elsewhere is not followed.
        var away = await PostForm(a1, "/users/delete?handler=Confirm", Id(ids[2]), ("returnUrl", "https://evil.example/users"));
        Assert.Equal("/users", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Filters_and_the_dashboard_show_only_the_callers_own_users_and_clients()
    {
        var t = await A1Things.CreateAsync(app);
        var w = t.W;
        var resA = await app.SignedIn(w.Emails["resA"], SwitchboardApp.AdminPass);
        var resB = await app.SignedIn(w.Emails["resB"], SwitchboardApp.AdminPass);
        var a2 = await app.SignedIn(w.Emails["A2"], SwitchboardApp.AdminPass);

        var wanted = $"/users?ClientId={w.CA1}&Department=Secret%20Ops&Device=softphone";
        Assert.Contains(t.UserEmail, await resA.GetStringAsync(wanted));
        foreach (var outsider in new[] { resB, a2 })
        {
            Assert.DoesNotContain(t.UserEmail, await outsider.GetStringAsync(wanted));
            Assert.DoesNotContain(t.UserEmail, await outsider.GetStringAsync($"/users?ResellerId={w.ResA}&Department=Secret%20Ops"));
            Assert.DoesNotContain("Secret Ops", await outsider.GetStringAsync("/users")); // not even offered as a department
        }

        var dashA = await resA.GetStringAsync("/");
        Assert.Contains($"Client A1 {w.Tag}", dashA);
        Assert.Contains($"Client A2 {w.Tag}", dashA);
        Assert.DoesNotContain($"Client B1 {w.Tag}", dashA);
        Assert.Contains($"/users?ClientId={w.CA1}&amp;Device=softphone", dashA);
        var dashB = await resB.GetStringAsync("/");
        Assert.DoesNotContain($"Client A1 {w.Tag}", dashB);
        Assert.DoesNotContain($"Reseller A {w.Tag}", dashB);
        var dashAdmin = await (await app.SignedIn(SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword)).GetStringAsync("/");
        Assert.Contains($"Reseller A {w.Tag}", dashAdmin);
        Assert.Contains($"/users?ResellerId={w.ResA}&amp;Fetched=never", dashAdmin);
    }
}
