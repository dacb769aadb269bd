using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Http;

/// <summary>
/// Single-user API changes sent while an import of the same client runs: no change is lost
/// silently (an edit of a field the file does not touch survives the import, and the import's
/// change survives the edit), and a unique value both claim ends with exactly one holder while the
/// loser fails with a clear cause (an API answer, or a row in the Error Log).
/// </summary>
public sealed class EditsRacingAnImportAreNeverLost(SwitchboardApp app, ITestOutputHelper output) : IClassFixture<SwitchboardApp>
{
    private const int Users = 4000;
    private const int Contested = 20;
    private static readonly string[] Headers = ["ID", "First Name", "Last Name", "Email", "Extension", "Department"];

    [Fact]
    public async Task Edits_and_creations_during_an_import_keep_every_change_and_one_holder_per_extension()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var people = Enumerable.Range(0, Users).Select(i => new Dictionary<string, string>
        {
            ["First Name"] = $"Race{i}", ["Last Name"] = "Runner", ["Email"] = $"race{i}-{w.Tag}@example.test",
            ["Extension"] = Kit.I(100_000 + i), ["Department"] = "Before",
        }).ToList();
        (await a1.Import(Csv.Write(people, Headers))).AssertCounts(created: Users, failed: 0);
        var (_, before) = await a1.Export();

        // The file moves every user to another department and creates users on contested extensions.
        var file = before.Select(u => new Dictionary<string, string>
        {
            ["ID"] = u["ID"], ["First Name"] = u["First Name"], ["Last Name"] = u["Last Name"], ["Email"] = u["Email"],
            ["Extension"] = u["Extension"], ["Department"] = "Moved",
        }).Concat(Enumerable.Range(0, Contested).Select(k => new Dictionary<string, string>
        {
            ["First Name"] = $"File{k}", ["Last Name"] = "Claim", ["Email"] = $"file{k}-{w.Tag}@example.test",
            ["Extension"] = Kit.I(900_000 + k), ["Department"] = "Moved",
        })).ToList();
        var upload = await a1.Upload(Encoding.UTF8.GetBytes(Csv.Write(file, Headers)));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var location = upload.Headers.Location!.ToString();

        // Meanwhile: forward numbers set one user at a time, and the contested extensions claimed by the API.
        var edits = new ConcurrentDictionary<int, string>();
        var whileRunning = 0;
        var finished = false;
        var editor = Task.Run(async () =>
        {
            for (var k = 0; k < 300 && !Volatile.Read(ref finished); k++)
            {
                var id = int.Parse(before[(k * 37) % Users]["ID"], System.Globalization.CultureInfo.InvariantCulture);
                if (edits.ContainsKey(id)) continue;
                var number = $"+1555{k:0000000}";
                var r = await a1.PutAsJsonAsync($"/api/v1/users/{id}", new { forwardNumber = number });
                Assert.True(r.StatusCode == HttpStatusCode.OK, $"PUT user {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                edits[id] = number;
                var status = (await a1.GetJson(location))["status"]!.GetValue<string>();
                if (status == "running") Interlocked.Increment(ref whileRunning);
            }
        });
        var claims = Enumerable.Range(0, Contested).Select(async k =>
        {
            var r = await a1.PostAsJsonAsync("/api/v1/users", new
            {
                clientId = w.CA1, firstName = $"Api{k}", lastName = "Claim", email = $"api{k}-{w.Tag}@example.test",
                extension = Kit.I(900_000 + k), webPassword = "Web-Password-9876",
            });
            return (k, r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }).ToList();
        var answers = await Task.WhenAll(claims);

        ImportResult report;
        while (true)
        {
            var job = await a1.GetJson(location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed") { report = new ImportResult(job); break; }
            await Task.Delay(20);
        }
        Volatile.Write(ref finished, true);
        await editor;
        output.WriteLine($"{edits.Count} edits, {whileRunning} of them answered while the import was running; " +
                         $"{answers.Count(a => a.StatusCode == HttpStatusCode.Created)} API claims won; report: created {report.Created}, updated {report.Updated}, failed {report.Failed}");

        // Both the import's change and every edit hold.
        report.AssertCounts(updated: Users);
        var (_, after) = await a1.Export();
        var byId = after.ToDictionary(u => int.Parse(u["ID"], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var u in before) Assert.Equal("Moved", byId[int.Parse(u["ID"], System.Globalization.CultureInfo.InvariantCulture)]["Department"]);
        // (The export guards a leading "+" with an apostrophe for spreadsheets.)
        foreach (var (id, number) in edits)
            Assert.True(byId[id]["Forward Number"].TrimStart('\'') == number, $"user {id} lost its edit: {string.Join(",", byId[id].Values)}");

        // Each contested extension has one holder; every loser was told why.
        for (var k = 0; k < Contested; k++)
        {
            var ext = Kit.I(900_000 + k);
            var holders = after.Where(u => u["Extension"] == ext).ToList();
            Assert.Single(holders);
            var api = answers[k];
            if (api.StatusCode == HttpStatusCode.Created)
            {
                Assert.StartsWith("Api", holders[0]["First Name"], StringComparison.Ordinal);
                var row = Users + 2 + k; // header is row 1
                Assert.Contains(report.Causes(row), c => c.Column == "Extension" && c.Value == ext);
            }
            else
            {
                Assert.True(api.StatusCode == HttpStatusCode.BadRequest, $"API claim of {ext}: {(int)api.StatusCode} {api.Body}");
                var why = JsonNode.Parse(api.Body)!["errors"]?["extension"]?[0]?.GetValue<string>();
                Assert.True(why?.Contains("already used", StringComparison.Ordinal) == true, api.Body);
                Assert.StartsWith("File", holders[0]["First Name"], StringComparison.Ordinal);
            }
        }
        Assert.Equal(Contested, report.Created + answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(Contested - report.Created, report.Failed);
    }
}
