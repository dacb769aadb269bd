using System.Net;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>No token, a bad token, or a malformed upload: refused with a problem, nothing changes.</summary>
public sealed class RequestsWithoutAValidCallerAreRefused(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Without_a_valid_token_every_api_endpoint_answers_401()
    {
        var w = await World.CreateAsync(app);
        var ids = await w.As["A1"].CreateUsers(w.Soft());
        var anonymous = app.CreateClient();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-real-token");
        string[] paths = ["/api/v1/me", "/api/v1/users", $"/api/v1/users/{ids[0]}", "/api/v1/users/export", "/api/v1/imports", "/api/v1/clients",
                          "/api/v1/provisioning-templates", "/api/v1/user-profiles", "/api/v1/phone-models", "/api/v1/resellers", "/api/v1/accounts"];
        foreach (var http in new[] { anonymous, forged })
        {
            foreach (var path in paths)
                Assert.True((await http.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized, $"GET {path}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.Upload(Encoding.UTF8.GetBytes(Csv.Write([w.Soft()])))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync($"/api/v1/users/{ids[0]}")).StatusCode);
        }
        var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = w.Emails["A1"], password = "wrong-password-123" });
        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = $"nobody-{w.Tag}@example.test", password = "wrong-password-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal((await wrong.ReadProblem()).Shape, (await unknown.ReadProblem()).Shape);
        Assert.Single((await w.As["A1"].Export()).Rows);
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_or_has_no_file_field_is_a_400_problem_and_queues_nothing()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var csv = Csv.Write([w.Soft()]);
        var raw = await a1.PostAsync("/api/v1/users/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, (await raw.ReadProblem()).Status);

        var wrongField = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "upload", "users.csv" } };
        var p = await (await a1.PostAsync("/api/v1/users/import", wrongField)).ReadProblem();
        Assert.Equal(HttpStatusCode.BadRequest, p.Status);
        Assert.Contains("file", p.Detail ?? "", StringComparison.Ordinal);

        Assert.Equal(0, (await a1.GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
        Assert.Empty((await a1.Export()).Rows);
    }
}
