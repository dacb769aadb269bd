using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Http.TenantWalls;

/// <summary>
/// Tenant walls on every endpoint and page (issue 5, point 3). The endpoints come from the app's own
/// endpoint data source, so a new endpoint or page handler without a row in <see cref="WallTable"/> fails;
/// each is called as every role against things of its own and of others, and must answer as the table
/// says. Besides the status: an answer about a thing hidden from the caller is identical to the answer
/// for a missing ID (IDs masked); a refused or foreign call changes nothing in the database; no answer
/// shows a marker of a scope hidden from the caller; and nothing another tenant does changes what a
/// caller is shown.
/// </summary>
public sealed class TenantWallsHoldEverywhere(SwitchboardApp app, ITestOutputHelper output) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public void Every_endpoint_and_page_handler_the_app_maps_has_a_rule_and_every_rule_an_endpoint()
    {
        var endpoints = EndpointKeys.Of(app.Services);
        var problems = new List<string>();
        foreach (var (key, isPage) in endpoints)
        {
            var table = isPage ? WallTable.Pages : WallTable.Api;
            if (!table.Any(r => r.Endpoint == key))
                problems.Add($"no rule in WallTable.{(isPage ? "Pages" : "Api")} for {key}: add a row saying what every role gets");
        }
        foreach (var rule in WallTable.Api.Concat(WallTable.Pages).Where(r => !endpoints.Any(e => e.Key == r.Endpoint)))
            problems.Add($"rule for {rule.Endpoint}, which the app does not map (stale, or a typo)");
        problems.AddRange(TableProblems());
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var pages = endpoints.Where(e => e.IsPage).Select(e => e.Key.Split(' ')[1]).Distinct().Count();
        output.WriteLine($"enumerated {endpoints.Count(e => !e.IsPage)} API and other endpoints (route x method) and {pages} pages with " +
                         $"{endpoints.Count(e => e.IsPage)} handlers; {WallTable.Api.Length + WallTable.Pages.Length} rules");
    }

    /// <summary>
    /// Every row is well formed. (That a hidden owner is answered like a missing ID is built into the
    /// notation: both take a cell's "hidden" answer; the probes then check the bodies are the same.)
    /// </summary>
    private static IEnumerable<string> TableProblems()
    {
        foreach (var rule in WallTable.Api.Concat(WallTable.Pages))
        {
            if (rule.Cells.Length != WallTable.Roles.Length) { yield return $"{rule}: {rule.Cells.Length} cells"; continue; }
            foreach (var role in WallTable.Roles)
            {
                var cell = rule.Cells[Array.IndexOf(WallTable.Roles, role)];
                if (rule.Kind == Kind.None && cell.Contains('|')) yield return $"{rule} names no owner, so {role} has one answer, not {cell}";
                string? problem = null;
                try { foreach (var stand in Enum.GetValues<Stand>()) rule.Expected(role, stand); }
                catch (FormatException e) { problem = $"{rule}, {role}: {e.Message}"; }
                if (problem is not null) yield return problem;
            }
        }
    }

    [Fact]
    public async Task Every_api_endpoint_answers_every_role_on_every_owners_things_as_the_table_says()
    {
        var w = await Walls.CreateAsync(app);
        await CheckAsync(w, WallTable.Api, page: false, "API");
    }

    [Fact]
    public async Task Every_page_answers_every_role_on_every_owners_things_as_the_table_says()
    {
        var w = await Walls.CreateAsync(app);
        await CheckAsync(w, WallTable.Pages, page: true, "pages");
    }

    private async Task CheckAsync(Walls w, Rule[] rules, bool page, string what)
    {
        var failures = new List<string>();
        var pairs = new HashSet<(string, Role)>();
        var seen = new HashSet<(Role, string)>();
        int probes = 0, writes = 0, compared = 0;
        var started = w.Requests;
        foreach (var rule in rules)
        {
            foreach (var role in WallTable.Roles)
            {
                pairs.Add((rule.Endpoint, role));
                Answer? missing = null;
                Want? missingWant = null;
                foreach (var owner in Scope.OwnersOf(rule.Kind))
                {
                    var stand = Scope.Of(role, owner, rule.Kind);
                    var want = rule.Expected(role, stand);
                    var call = new Call(w, role, owner, await w.IdForAsync(rule.Kind, owner, rule.Fresh), w.Next());
                    var before = rule.Writes ? await w.SnapshotAsync() : null;
                    var answer = await w.SendAsync(rule, page, call);
                    probes++;
                    var where = $"{rule.Method} {rule.PathFor(call.Id)} as {role}" + (owner == Owner.None ? "" : $" on {owner}'s {rule.Kind.ToString().ToLowerInvariant()}");
                    if (!answer.Is(want)) failures.Add($"{where}: want {want}, got {answer.Short}");

                    if (before is not null)
                    {
                        writes++;
                        await w.SettleAsync();
                        var after = await w.SnapshotAsync();
                        // Nobody signed in does nothing, even where its answer looks like the done one (a redirect to /login).
                        var done = role != Role.Anon && (rule.Done is { } d ? answer.Is(Want.Parse(d)) : !page && answer.Status is >= 200 and < 300);
                        var changed = after.Keys.Union(before.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
                        if (!done && changed.Count > 0) failures.Add($"{where}: refused ({answer.Status}) but changed {string.Join(", ", changed)}");
                        // The snapshot sees writes at all: every create, delete and saved form shows in it.
                        var created = page ? done && rule.Method == "POST" && rule.Done is not ("302>/" or "302>/me") : answer.Status is 201 or 202 or 204;
                        if (created && changed.Count == 0) failures.Add($"{where}: answered {answer.Status} but the database shows no change");
                        if (stand == Stand.Hidden && owner != Owner.Missing && changed.Contains(w.ScopeKey(owner)))
                            failures.Add($"{where}: changed {owner}'s data, which {role} cannot even see");
                    }

                    foreach (var marker in w.VisibleMarkers(role))
                        if (answer.Body.Contains(marker, StringComparison.OrdinalIgnoreCase)) seen.Add((role, marker));
                    foreach (var marker in w.HiddenMarkers(role))
                        if (answer.Body.Contains(marker, StringComparison.OrdinalIgnoreCase) && !answer.Sent.Contains(marker, StringComparison.OrdinalIgnoreCase))
                            failures.Add($"{where}: shows \"{marker}\", which {role} must not see");

                    if (rule.EndsSessions) await w.RenewAsync(role);
                    if (owner == Owner.Missing) (missing, missingWant) = (answer, want);
                    else if (missing is not null && want == missingWant && (stand == Stand.Hidden || want.Status == 404))
                    {
                        compared++;
                        if (answer.Masked != missing.Masked)
                            failures.Add($"{where}: differs from the answer for a missing ID\n    this:    {answer.Masked.ReplaceLineEndings(" ")[..Math.Min(400, answer.Masked.Length)]}\n    missing: {missing.Masked.ReplaceLineEndings(" ")[..Math.Min(400, missing.Masked.Length)]}");
                    }
                }
            }
        }
        // The marker check looks at real answers: each role was shown every marker it may see somewhere.
        foreach (var role in WallTable.Roles)
            foreach (var marker in w.VisibleMarkers(role).Where(m => !seen.Contains((role, m))))
                failures.Add($"{role} was never shown \"{marker}\" although it may see it: the probes miss its things");
        var endpoints = rules.Select(r => r.Endpoint).Distinct().Count();
        output.WriteLine($"{what}: {endpoints} endpoints x {WallTable.Roles.Length} roles = {pairs.Count} endpoint-role pairs checked, " +
                         $"{rules.Length} rules, {probes} probes (role x owner), {writes} checked for writes, {compared} compared with a missing ID; " +
                         $"{w.Requests - started} requests sent ({w.Requests} with setup); {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(150)));
    }

    [Fact]
    public async Task Nothing_another_tenant_does_changes_what_a_caller_is_shown()
    {
        var w = await Walls.CreateAsync(app);
        var failures = new List<string>();
        var requests = w.Requests;
        var readers = WallTable.Api.Select(r => (Rule: r, Page: false)).Concat(WallTable.Pages.Select(r => (Rule: r, Page: true)))
            .Where(x => x.Rule.Method == "GET" && !x.Rule.Fresh && !x.Rule.OwnReadsMoveIt).ToList();
        // Everything that happens in A2 is hidden from A1, reseller B and A1's PBX user; in B1, from A1, A2, reseller A and the PBX user.
        foreach (var (actor, observers) in new[] { (Owner.A2, new[] { Role.A1, Role.ResB, Role.Pbx }), (Owner.B1, new[] { Role.A1, Role.A2, Role.ResA, Role.Pbx }) })
        {
            async Task<Dictionary<string, Answer>> ShownAsync()
            {
                var shown = new Dictionary<string, Answer>();
                foreach (var (rule, page) in readers)
                    foreach (var role in observers)
                        foreach (var owner in Scope.OwnersOf(rule.Kind))
                        {
                            var call = new Call(w, role, owner, await w.IdForAsync(rule.Kind, owner, fresh: false), 0);
                            shown[$"{rule.Method} {rule.PathFor(call.Id)} as {role}"] = await w.SendAsync(rule, page, call);
                        }
                return shown;
            }
            var before = await ShownAsync();
            await BusyDayAsync(w, actor);
            var after = await ShownAsync();
            foreach (var (key, a) in before)
                if (a.Exact != after[key].Exact)
                    failures.Add($"{key}: changed when {actor} did its work\n    before: {Excerpt(a.Exact, after[key].Exact)}\n    after:  {Excerpt(after[key].Exact, a.Exact)}");
        }
        output.WriteLine($"non-interference: {readers.Count} reading rules, {w.Requests - requests} requests sent ({w.Requests} with setup); {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>Everything a client's people do in a day: users on shared templates, profiles, templates, an import, an export, an administrator.</summary>
    private static async Task BusyDayAsync(Walls w, Owner client)
    {
        var key = client.ToString();
        var admin = w.W.Admin;
        var clientId = w.ClientOf(client);
        var mark = w.Marker(client);
        var templates = client == Owner.A2 ? new[] { w.Standing(Kind.Template, Owner.Sys), w.Standing(Kind.Template, Owner.RA) } : [w.Standing(Kind.Template, Owner.Sys)];
        foreach (var template in templates)
            await admin.PostJson("/api/v1/users", new
            {
                clientId, firstName = "Busy", lastName = $"{mark} {w.Next()}", email = $"busy-{w.Next()}-{w.Tag}@walls.test",
                extension = $"{7000 + w.Next()}", phoneModelId = w.Pm, provisioningTemplateId = template, macAddress = World.RandomMac(),
            });
        var own = w.W.As[key];
        await own.PostJson("/api/v1/user-profiles", new { name = $"{mark} busy {w.Next()}" });
        await own.PostJson("/api/v1/provisioning-templates", new { name = $"{mark} busy {w.Next()}", phoneModelId = w.Pm, body = "b" });
        Assert.True((await own.PutAsJsonAsync($"/api/v1/user-profiles/{w.Standing(Kind.Profile, client)}", new { name = $"{mark} renamed {w.Next()}" })).IsSuccessStatusCode);
        Assert.True((await own.PutAsJsonAsync($"/api/v1/users/{w.Standing(Kind.User, client)}", new { department = $"{mark} moved {w.Next()}", dndOn = true })).IsSuccessStatusCode);
        (await own.Import($"First Name,Last Name,Email,Extension\r\nBusy,{mark} imported,busy-imp-{w.Next()}-{w.Tag}@walls.test,{7000 + w.Next()}\r\n")).AssertCounts(created: 1, failed: 0);
        await own.Export("?includeSecrets=true");
        await admin.PostJson("/api/v1/accounts", new { email = $"busy-adm-{w.Next()}-{w.Tag}@walls.test", password = Walls.Password, role = "client", clientId });
        await w.SettleAsync();
    }

    /// <summary>Where two texts start to differ, with some context.</summary>
    private static string Excerpt(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        var from = Math.Max(0, i - 120);
        return a.Substring(from, Math.Min(240, a.Length - from)).ReplaceLineEndings(" ");
    }
}

/// <summary>The app's endpoints as the table names them: "METHOD /route" ("*" for any method), and for page handlers "METHOD /route ?handler=Name".</summary>
public static class EndpointKeys
{
    public static List<(string Key, bool IsPage)> Of(IServiceProvider services)
    {
        var keys = new List<(string, bool)>();
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (e is not RouteEndpoint route) throw new InvalidOperationException($"endpoint {e.DisplayName} has no route; the table cannot name it");
            var pattern = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
            if (e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                foreach (var h in page.HandlerMethods)
                    keys.Add(($"{h.HttpMethod.ToUpperInvariant()} {pattern}{(string.IsNullOrEmpty(h.Name) ? "" : $" ?handler={h.Name}")}", true));
            }
            else if (e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is { } action)
                throw new InvalidOperationException($"{action.DisplayName}: a page or controller action without compiled handlers; teach EndpointKeys about it");
            else
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                foreach (var m in methods is { Count: > 0 } ? methods : ["*"]) keys.Add(($"{m} {pattern}", false));
            }
        }
        return keys;
    }
}
