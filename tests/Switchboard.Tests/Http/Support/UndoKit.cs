using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Support;

public static class UndoKit
{
    /// <summary>POST /api/v1/imports/{id}/undo: expects 202 with the undo job's Location, and waits for its report.</summary>
    public static async Task<ImportResult> Undo(this HttpClient http, int importId)
    {
        var r = await http.PostAsync($"/api/v1/imports/{importId}/undo", null);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"undo of import {importId}: {(int)r.StatusCode} {text}");
        var location = r.Headers.Location!.ToString();
        Assert.Matches(@"^/api/v1/imports/\d+$", location);
        for (var i = 0; i < 3000; i++)
        {
            var job = await http.GetJson(location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed") return new ImportResult(job);
            await Task.Delay(50);
        }
        throw new TimeoutException($"undo {location} did not finish");
    }

    /// <summary>The refusal of an undo, as a problem.</summary>
    public static async Task<Problem> UndoRefused(this HttpClient http, int importId)
    {
        using var r = await http.PostAsync($"/api/v1/imports/{importId}/undo", null);
        return await r.ReadProblem();
    }

    public static int Reverted(this ImportResult r) => r.Json["reverted"]!.GetValue<int>();
}
