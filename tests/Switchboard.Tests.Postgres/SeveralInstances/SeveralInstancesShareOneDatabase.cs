using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Process;
using Xunit.Abstractions;

namespace Switchboard.Tests.SeveralInstances;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeveralInstancesCollection
{
    public const string Name = "Several instances";
}

/// <summary>
/// Two real server processes behind one PostgreSQL database, as behind a load balancer: they start
/// together (migrations and the first administrator once), accept each other's tokens, sign-in
/// cookies and antiforgery tokens, and share the import jobs: each job runs on exactly one of
/// them, a client's jobs one at a time in upload order, and when the instance running a job is
/// killed with SIGKILL the other one runs it again and finishes it.
/// </summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed partial class SeveralInstancesShareOneDatabase(ITestOutputHelper output) : IDisposable
{
    private const int BigRows = 30_000;
    private readonly TestDatabase _db = TestDatabase.Create();
    private ServerProcess? _a;
    private ServerProcess? _b;

    public void Dispose()
    {
        _a?.Dispose();
        _b?.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Jobs_uploaded_through_both_instances_each_complete_exactly_once_even_when_the_instance_running_one_is_killed()
    {
        _a = new ServerProcess(_db.Provider, _db.ConnectionString);
        _b = new ServerProcess(_db.Provider, _db.ConnectionString);
        // One key file for both (as on a shared volume): whichever starts first creates it, the other reads it.
        _b.Environment["Secrets__KeyFile"] = _a.KeyFile;
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
        Assert.Equal(1, _db.Count("SELECT count(*) FROM \"SignIns\" WHERE \"Role\" = 'admin'"));

        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _a.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"LB reseller {tag}" }))["id"]!.GetValue<int>();
        var clients = new List<(int Id, string Email)>();
        foreach (var n in new[] { 1, 2 })
        {
            var id = (await admin.PostJson("/api/v1/clients", new { name = $"LB client {n} {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
            var email = $"lb-admin{n}-{tag}@admins.test";
            await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = id });
            clients.Add((id, email));
        }

        // A token made by one instance works on the other.
        var c1ViaA = await _a.SignInAsync(clients[0].Email, SwitchboardApp.AdminPass);
        var c1ViaB = OtherInstance(c1ViaA, _b);
        var c2ViaB = await _b.SignInAsync(clients[1].Email, SwitchboardApp.AdminPass);
        var c2ViaA = OtherInstance(c2ViaB, _a);
        Assert.Equal(HttpStatusCode.OK, (await c1ViaB.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c2ViaA.GetAsync("/api/v1/me")).StatusCode);

        // Per client: a big file, then files that depend on it, uploaded through alternating instances.
        var jobs = new List<Job>
        {
            await Upload(c1ViaA, clients[0].Id, Csv.Write(Enumerable.Range(0, BigRows).Select(i => Row("c1", tag, i)))),
            await Upload(c2ViaB, clients[1].Id, Csv.Write(Enumerable.Range(0, BigRows / 2).Select(i => Row("c2", tag, i)))),
            // Claims 5 emails of the big file (they fail when it ran first) and adds 5 users.
            await Upload(c1ViaB, clients[0].Id, Csv.Write(Enumerable.Range(0, 10).Select(i => Row("c1", tag, i < 5 ? i * 1000 : BigRows + i, ext: 500_000 + i)))),
            await Upload(c2ViaA, clients[1].Id, Csv.Write(Enumerable.Range(BigRows / 2, 100).Select(i => Row("c2", tag, i)))),
            await Upload(c1ViaA, clients[0].Id, Csv.Write(Enumerable.Range(BigRows + 20, 100).Select(i => Row("c1", tag, i)))),
        };

        // Kill whichever instance runs the first big job, as soon as it runs it.
        var first = await Wait(c1ViaB, jobs[0].Id, j => Status(j) != "queued");
        Assert.True(Status(first) == "running", $"wanted to kill the instance running import {jobs[0].Id} while it runs, but it was {first.ToJsonString()}");
        var runner = Ran(_a, jobs[0].Id) ? _a : Ran(_b, jobs[0].Id) ? _b : null;
        Assert.True(runner is not null, $"no instance logged running import {jobs[0].Id}:\nA: {_a.LogTail()}\nB: {_b.LogTail()}");
        var survivor = runner == _a ? _b : _a;
        runner!.Kill();
        output.WriteLine($"killed instance {(runner == _a ? "A" : "B")} while it ran import {jobs[0].Id}");

        // The survivor finishes every job; the clients' tokens keep working through it.
        var c1 = OtherInstance(c1ViaA, survivor);
        var c2 = OtherInstance(c2ViaB, survivor);
        var done = new Dictionary<int, JsonObject>();
        foreach (var job in jobs) done[job.Id] = await Wait(job.ClientId == clients[0].Id ? c1 : c2, job.Id, j => Status(j) is "completed" or "failed");
        foreach (var (id, j) in done) output.WriteLine($"#{id}: {j["status"]} created={j["created"]} failed={j["failed"]} started={j["startedAt"]} finished={j["finishedAt"]}");
        Assert.All(done.Values, j => Assert.True(Status(j) == "completed", j.ToJsonString()));
        Assert.True(Ran(survivor, jobs[0].Id), "the surviving instance should have run the killed instance's job again");

        // Exactly once: one completion audit entry per job.
        foreach (var job in jobs)
            Assert.Equal(1, _db.Count($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'users.import' AND \"Source\" = 'import {job.Id}'"));

        // One client's jobs ran one at a time, in upload order.
        foreach (var group in jobs.GroupBy(j => j.ClientId))
        {
            var ordered = group.OrderBy(j => j.Id).Select(j => done[j.Id]).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(Time(ordered[i], "startedAt") >= Time(ordered[i - 1], "finishedAt"),
                    $"import {ordered[i]["id"]} started before import {ordered[i - 1]["id"]} finished");
        }

        // The reports add up to what the database holds, and nothing is duplicated.
        Assert.Equal(BigRows, Count(done[jobs[0].Id], "created"));
        Assert.Equal(5, Count(done[jobs[2].Id], "created"));
        Assert.Equal([2, 3, 4, 5, 6], new ImportResult(done[jobs[2].Id]).FailedRows);
        foreach (var (clientId, _) in clients)
        {
            var created = jobs.Where(j => j.ClientId == clientId).Sum(j => Count(done[j.Id], "created"));
            Assert.Equal(created, _db.Count($"SELECT count(*) FROM \"Users\" WHERE \"ClientId\" = {clientId}"));
            Assert.Equal(created, _db.Count($"SELECT count(*) FROM \"SignIns\" WHERE \"ClientId\" = {clientId} AND \"Role\" = 'user'"));
            Assert.Equal(created, _db.Count($"SELECT count(DISTINCT \"Extension\") FROM \"Users\" WHERE \"ClientId\" = {clientId}"));
        }
        var (_, exported) = await c1.Export();
        Assert.Equal(exported.Count, exported.Select(r => r["Email"]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task A_sign_in_cookie_and_an_antiforgery_token_made_by_one_instance_work_on_the_other()
    {
        _a = new ServerProcess(_db.Provider, _db.ConnectionString);
        _b = new ServerProcess(_db.Provider, _db.ConnectionString);
        // Each instance gets a home of its own, as on two machines: the key ring ASP.NET Core would
        // otherwise keep in ~/.aspnet would differ, so only keys shared through the database pass.
        foreach (var s in new[] { _a, _b })
        {
            var home = Directory.CreateDirectory(Path.Combine(s.Folder, "home")).FullName;
            s.Environment["HOME"] = home;
            s.Environment["DOTNET_CLI_HOME"] = home;
            // Two machines share the key ring's key through configuration (e.g. a secret store).
            s.Environment["Secrets__Key"] = _db.SecretsKey;
        }
        _a.Environment["Logging__Console__FormatterName"] = "json";
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
        var cookies = new CookieContainer();

        // The sign-in form comes from A (its antiforgery cookie and token), the post goes to B.
        using var viaA = Browser(_a, cookies);
        using var viaB = Browser(_b, cookies);
        var form = await viaA.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form has no antiforgery token");
        var post = await viaB.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = SwitchboardApp.AdminEmail, ["Password"] = SwitchboardApp.AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"sign-in posted to B: {(int)post.StatusCode} {await post.Content.ReadAsStringAsync()}");

        // The cookie B made opens a page on A.
        var page = await viaA.GetAsync("/resellers");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"page on A with B's cookie: {(int)page.StatusCode} {page.Headers.Location}");
        Assert.Contains("Resellers", await page.Content.ReadAsStringAsync());

        // Structured logs when asked for: A's lines are JSON objects carrying the template's fields.
        var json = _a.LogTail(int.MaxValue).Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(json, l => l["Category"]?.GetValue<string>() == "Microsoft.Hosting.Lifetime" && l["State"]?["address"] is not null);
    }

    private sealed record Job(int Id, int ClientId);

    private static HttpClient Browser(ServerProcess server, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static HttpClient OtherInstance(HttpClient signedIn, ServerProcess other)
    {
        var http = new HttpClient { BaseAddress = other.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return http;
    }

    private static bool Ran(ServerProcess server, int jobId) =>
        server.LogTail(int.MaxValue).Contains($"Running import {jobId} of client", StringComparison.Ordinal);

    private static async Task<Job> Upload(HttpClient http, int clientId, string csv)
    {
        var r = await http.Upload(Encoding.UTF8.GetBytes(csv));
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)r.StatusCode} {text}");
        return new Job(JsonNode.Parse(text)!["id"]!.GetValue<int>(), clientId);
    }

    private static async Task<JsonObject> Wait(HttpClient http, int id, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var job = await http.GetJson($"/api/v1/imports/{id}");
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"import {id} still {job.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string> Row(string client, string tag, int i, int? ext = null) => new()
    {
        ["First Name"] = $"Lb{i}",
        ["Last Name"] = $"User{i}",
        ["Email"] = $"{client}-{i}-{tag}@example.test",
        ["Extension"] = (ext ?? 200_000 + i).ToString(CultureInfo.InvariantCulture),
    };

    private static string Status(JsonObject job) => job["status"]!.GetValue<string>();

    private static int Count(JsonObject job, string name) => job[name]!.GetValue<int>();

    private static DateTime Time(JsonObject job, string name) => job[name]!.GetValue<DateTime>();
}
