using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Upload answers 202 with the job's Location; imports of one client run one at a time, in upload order.</summary>
public sealed class ImportsRunInUploadOrder(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static async Task<JsonObject> Finished(HttpClient http, string location)
    {
        for (var i = 0; i < 3000; i++)
        {
            var job = await http.GetJson(location);
            if (job.Str("status") is "completed" or "failed") return job;
            await Task.Delay(50);
        }
        throw new TimeoutException(location);
    }

    [Fact]
    public async Task Two_files_uploaded_back_to_back_run_in_order_so_the_second_sees_what_the_first_created()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var rows = Enumerable.Range(0, 20).Select(_ => w.Soft()).ToArray();
        var csv = Encoding.UTF8.GetBytes(Csv.Write(rows));

        var first = await a1.Upload(csv);
        var second = await a1.Upload(csv);
        foreach (var r in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            Assert.Matches(@"^/api/v1/imports/\d+$", r.Headers.Location?.ToString() ?? "");
            var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
            Assert.Contains(body.Str("status"), new[] { "queued", "running", "completed" });
            Assert.Equal(r.Headers.Location!.ToString(), $"/api/v1/imports/{body.Id()}");
        }
        var one = new ImportResult(await Finished(a1, first.Headers.Location!.ToString()));
        var two = new ImportResult(await Finished(a1, second.Headers.Location!.ToString()));
        Assert.True(one.Id < two.Id);
        one.AssertCounts(created: 20, failed: 0);
        two.AssertCounts(created: 0, failed: 20); // every email and extension is taken by then
        Assert.Equal(20, (await a1.Export()).Rows.Count);
        Assert.Equal((20, 20), (one.Json["rows"]!.GetValue<int>(), one.Json["processed"]!.GetValue<int>()));
    }
}
