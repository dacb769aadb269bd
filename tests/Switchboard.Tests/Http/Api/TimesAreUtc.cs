using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Every time the API returns is UTC and says so with a "Z" (SQLite hands times back without a kind).</summary>
public sealed class TimesAreUtc(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static void AssertUtc(string? time, string what)
    {
        Assert.False(string.IsNullOrEmpty(time), $"{what} is empty");
        Assert.True(time!.EndsWith('Z'), $"{what} = {time} does not end with Z");
        Assert.Equal(DateTimeKind.Utc, DateTime.Parse(time, null, System.Globalization.DateTimeStyles.RoundtripKind).Kind);
    }

    [Fact]
    public async Task Import_jobs_audit_entries_and_tokens_give_utc_times()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var upload = await a1.Upload(System.Text.Encoding.UTF8.GetBytes(
            "First Name,Last Name,Email,Extension\r\nUtc,Time," + $"utc-{w.Tag}@example.test,4471\r\n"));
        var queued = System.Text.Json.Nodes.JsonNode.Parse(await upload.Content.ReadAsStringAsync())!.AsObject();
        AssertUtc(queued.Str("createdAt"), "upload createdAt");

        var job = (await a1.Import(System.Text.Encoding.UTF8.GetBytes(
            "First Name,Last Name,Email,Extension\r\nUtc,Two," + $"utc2-{w.Tag}@example.test,4472\r\n"))).Json;
        AssertUtc(job.Str("createdAt"), "createdAt");
        AssertUtc(job.Str("startedAt"), "startedAt");
        AssertUtc(job.Str("finishedAt"), "finishedAt");
        var listed = (await a1.GetJson("/api/v1/imports")).Items().First(j => j.Id() == job.Id());
        AssertUtc(listed.Str("finishedAt"), "listed finishedAt");

        var audit = (await a1.GetJson("/api/v1/audit")).Items();
        Assert.NotEmpty(audit);
        Assert.All(audit, a => AssertUtc(a.Str("at"), "audit at"));

        var token = await app.CreateClient().PostAsync("/api/v1/auth/token",
            System.Net.Http.Json.JsonContent.Create(new { email = SwitchboardApp.AdminEmail, password = SwitchboardApp.AdminPassword }));
        AssertUtc(System.Text.Json.Nodes.JsonNode.Parse(await token.Content.ReadAsStringAsync())!["expiresAt"]!.GetValue<string>(), "expiresAt");
    }
}
