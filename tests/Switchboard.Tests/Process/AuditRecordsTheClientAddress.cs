using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

/// <summary>
/// On a real server (real client addresses), every audit entry records where the change came from:
/// the connection's address, or X-Forwarded-For when a trusted proxy (loopback, the default) sent it;
/// an import's rows carry the address the file was uploaded from. The audit API and page show it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class AuditRecordsTheClientAddress : IDisposable
{
    private readonly ServerProcess _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Api_page_and_import_changes_record_the_callers_address()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Addr reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Addr client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"addr-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = client });
        var http = await _server.SignInAsync(email, SwitchboardApp.AdminPass);

        var user = await http.PostJson("/api/v1/users", new { clientId = client, firstName = "Ada", lastName = "Dress", email = $"ada-{tag}@example.test", extension = "5120" });
        var id = user["id"]!.GetValue<int>();
        var forwarded = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{id}") { Content = JsonContent.Create(new { department = "Proxied" }) };
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(forwarded)).StatusCode);
        var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/import")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Csv.Write([new Dictionary<string, string> { ["ID"] = $"{id}", ["Department"] = "Imported" }], ["ID", "Department"]))), "file", "users.csv" } },
        };
        upload.Headers.Add("X-Forwarded-For", "198.51.100.7");
        var accepted = await http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await WaitForAsync(http, accepted.Headers.Location!.ToString());

        var entries = (await http.GetJson($"/api/v1/audit?userId={id}"))["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(["user.update", "user.update", "user.create"], entries.Select(e => e["action"]!.GetValue<string>()));
        Assert.Equal(["198.51.100.7", "203.0.113.9", "127.0.0.1"], entries.Select(e => e["address"]!.GetValue<string>()));
        Assert.StartsWith("import ", entries[0]["source"]!.GetValue<string>(), StringComparison.Ordinal);
        var summary = (await http.GetJson("/api/v1/audit?pageSize=500"))["items"]!.AsArray().Select(e => e!.AsObject())
            .First(e => e["action"]!.GetValue<string>() == "users.import");
        Assert.Equal("198.51.100.7", summary["address"]!.GetValue<string>());
    }

    private static async Task WaitForAsync(HttpClient http, string location)
    {
        for (var i = 0; i < 200; i++)
        {
            var job = await http.GetJson(location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed")
            {
                Assert.Equal(1, job["updated"]!.GetValue<int>());
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("the import did not finish");
    }
}
