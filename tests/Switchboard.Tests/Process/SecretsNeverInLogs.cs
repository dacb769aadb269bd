using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

/// <summary>
/// A real server logging everything down to Debug (EF Core's SQL included) is given secrets every
/// way it takes them — an import with good and failing rows, the single-user API, a failed and a
/// good sign-in, an export with secrets — and its whole log, the import's report, its
/// failed-rows.csv and the audit log (API) are then searched for every one of them.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class SecretsNeverInLogs : IDisposable
{
    private readonly ServerProcess _server = new();

    public SecretsNeverInLogs()
    {
        _server.Environment["Logging__LogLevel__Default"] = "Debug";
        _server.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Debug";
        _server.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task No_web_password_phone_secret_or_pin_reaches_the_log_the_report_or_failed_rows()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Logs reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Logs client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"logs-{tag}@admins.test";
        var adminPassword = $"Admin-Pw-{tag}-Kq";
        await admin.PostJson("/api/v1/accounts", new { email, password = adminPassword, role = "client", clientId = client });
        var http = await _server.SignInAsync(email, adminPassword);

        string S(string kind, int i) => $"{kind}{i}x{tag}";
        var rows = Enumerable.Range(0, 6).Select(i => new Dictionary<string, string>
        {
            ["First Name"] = $"Log{i}", ["Last Name"] = "Secret", ["Email"] = i == 5 ? "not-an-email" : $"log{i}-{tag}@example.test",
            ["Web Passwords"] = S("WebPw-Long-", i), ["Phone Secret"] = S("PhoneSecretQ", i), ["Voicemail Pin"] = $"90{i}7{i}3",
            ["Extension"] = i == 4 ? "bad" : (7000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        var secrets = rows.SelectMany(r => new[] { r["Web Passwords"], r["Phone Secret"], r["Voicemail Pin"] }).ToList();
        var report = await http.Import(Csv.Write(rows));
        report.AssertCounts(created: 4, failed: 2);

        var apiSecret = $"ApiSecretZ{tag}";
        var apiPassword = $"Api-WebPw-{tag}-Lm";
        var apiUser = await http.PostJson("/api/v1/users", new
        {
            clientId = client, firstName = "Api", lastName = "Secret", email = $"api-{tag}@example.test", extension = "7100",
            phoneSecret = apiSecret, voicemailPin = "604918", webPassword = apiPassword,
        });
        secrets.AddRange([apiSecret, "604918", apiPassword, adminPassword]);
        // An update of every secret: the audit log names them as changed.
        var newSecret = $"ApiSecretY{tag}";
        var newPassword = $"Api-WebPw2-{tag}-Ln";
        var put = await http.PutAsJsonAsync($"/api/v1/users/{apiUser["id"]}", new { phoneSecret = newSecret, voicemailPin = "715029", webPassword = newPassword });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        secrets.AddRange([newSecret, "715029", newPassword]);
        apiPassword = newPassword;
        apiSecret = newSecret;
        var wrong = $"Wrong-Guess-{tag}-Pw";
        await new HttpClient { BaseAddress = _server.BaseAddress }.PostAsJsonAsync("/api/v1/auth/token", new { email, password = wrong });
        await _server.SignInAsync($"api-{tag}@example.test", apiPassword);
        secrets.Add(wrong);
        var (bytes, _) = await http.Export("?includeSecrets=true");
        Assert.Contains(apiSecret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal); // the export itself carries them, as asked

        var failedRows = await http.GetStringAsync($"/api/v1/imports/{report.Id}/failed-rows.csv");
        var audit = await http.GetStringAsync("/api/v1/audit?pageSize=500");
        foreach (var named in new[] { "Phone Secret", "Voicemail Pin", "Web Passwords" })
            Assert.Contains(named, audit, StringComparison.Ordinal); // secrets are named as changed
        var reportJson = report.Json.ToJsonString();
        var log = _server.LogTail(int.MaxValue);
        Assert.Contains("Executed DbCommand", log, StringComparison.Ordinal); // the log did record the SQL
        foreach (var s in secrets)
        {
            Assert.False(log.Contains(s, StringComparison.Ordinal), $"the server log holds the secret {s}");
            Assert.DoesNotContain(s, reportJson, StringComparison.Ordinal);
            Assert.DoesNotContain(s, failedRows, StringComparison.Ordinal);
            Assert.DoesNotContain(s, audit, StringComparison.Ordinal);
        }
    }
}
