using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Web passwords, phone secrets and PINs never appear in reports or failed-rows.csv; exports carry them only when asked.</summary>
public sealed class SecretsNeverLeak(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Secrets_given_in_failing_rows_appear_neither_in_the_report_nor_in_failed_rows_csv()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        // Rows that fail on another column, and rows that fail on the secret itself.
        string[] secrets = ["Zq8-Web-Secret-Kw3", "Qx7SipSecretVv9", "86420751", "Short7", "Kp3Weak", "4444", "Wz5-Web-Pw-Other-9", "71395"];
        var rows = new[]
        {
            w.Soft(("Extension", "bad"), ("Web Passwords", secrets[0]), ("Phone Secret", secrets[1]), ("Voicemail Pin", secrets[2])),
            w.Soft(("Web Passwords", secrets[3])),
            w.Soft(("Phone Secret", secrets[4])),
            w.Soft(("Voicemail Pin", secrets[5])),
            w.Soft(("Email", "not-an-email"), ("Web Passwords", secrets[6]), ("Voicemail Pin", secrets[7])),
        };
        var r = await a1.ImportRows(rows);
        r.AssertCounts(created: 0, failed: 5);
        Assert.Equal(["Web Passwords"], r.Columns(3));
        Assert.Equal(["Phone Secret"], r.Columns(4));
        Assert.Equal(["Voicemail Pin"], r.Columns(5));

        // Timestamps are digits too: take them out before looking for digit-only PINs.
        static string NoTimes(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"\\d{4}-\\d{2}-\\d{2}T[^\"]*\"", "\"time\"");
        var report = NoTimes(await a1.RawReport(r.Id));
        var (_, failedCsv) = await a1.FailedRowsCsv(r.Id);
        var list = NoTimes((await a1.GetJson("/api/v1/imports")).ToJsonString());
        foreach (var s in secrets)
        {
            Assert.DoesNotContain(s, report, StringComparison.Ordinal);
            Assert.DoesNotContain(s, failedCsv, StringComparison.Ordinal);
            Assert.DoesNotContain(s, list, StringComparison.Ordinal);
        }
        // The failing secret's cause still says which column and that a value was given (masked).
        Assert.All(r.Causes(3).Concat(r.Causes(4)).Concat(r.Causes(5)), c => Assert.NotEqual("", c.Value));
    }

    [Fact]
    public async Task Export_writes_phone_secret_and_pin_only_with_includeSecrets_and_never_a_web_password()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var given = w.Person(("Web Passwords", "Never-Exported-Pw-1"), ("Phone Secret", "Kz4SipSecretYy8"), ("Voicemail Pin", "480317"));
        var generated = w.Soft();
        await a1.CreateUsers(given, generated);

        var (_, plain) = await a1.Export();
        Assert.All(plain, r => Assert.Equal(("", "", ""), (r["Web Passwords"], r["Phone Secret"], r["Voicemail Pin"])));

        var (bytes, withSecrets) = await a1.Export("?includeSecrets=true");
        var byEmail = withSecrets.ByEmail();
        Assert.Equal("Kz4SipSecretYy8", byEmail[given["Email"]]["Phone Secret"]);
        Assert.Equal("'480317", byEmail[given["Email"]]["Voicemail Pin"]);
        var gen = byEmail[generated["Email"]];
        Assert.True(gen["Phone Secret"].Length >= 16, $"generated phone secret {gen["Phone Secret"]}");
        Assert.Matches(@"^'\d{4,10}$", gen["Voicemail Pin"]);
        Assert.All(withSecrets, r => Assert.Equal("", r["Web Passwords"]));
        Assert.DoesNotContain("Never-Exported-Pw-1", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_api_shows_phone_secret_and_pin_only_with_includeSecrets()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft(("Phone Secret", "Mn6SipSecretRr2"), ("Voicemail Pin", "592047")));

        var plain = await a1.GetUser(ids[0]);
        Assert.Null(plain["phoneSecret"]);
        Assert.Null(plain["voicemailPin"]);
        Assert.Null(plain["webPassword"]);
        var full = await a1.GetUser(ids[0], secrets: true);
        Assert.Equal("Mn6SipSecretRr2", full.Str("phoneSecret"));
        Assert.Equal("592047", full.Str("voicemailPin"));
        Assert.Null(full["webPassword"]);

        var list = (await a1.GetJson("/api/v1/users?includeSecrets=true")).ToJsonString();
        Assert.DoesNotContain("Mn6SipSecretRr2", list, StringComparison.Ordinal);
        Assert.DoesNotContain("592047", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_written_with_another_delimiter_is_not_echoed_or_written_back_whole()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        const string secret = "Semi-Colon-Secret-77", pin = "583920";
        var csv = "ID,First Name,Last Name,Email,Phone Secret,Voicemail Pin,Extension\r\n" +
                  $",Good,Row,good-{w.Tag}@example.test,,,5101\r\n" +
                  $";Semi;Colon;semi-{w.Tag}@example.test;{secret};{pin};5102\r\n";
        var r = await a1.Import(csv);
        r.AssertCounts(created: 1, failed: 1);
        var cause = Assert.Single(r.Causes(3), c => c.Column == "ID");
        Assert.Contains("read as one cell", cause.Message, StringComparison.Ordinal);
        var (_, failedCsv) = await a1.FailedRowsCsv(r.Id);
        foreach (var text in new[] { r.Json.ToJsonString(), failedCsv })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(pin, text, StringComparison.Ordinal);
        }
    }
}
