using System.Net;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// The audit log page for people: actions in words, filters by a user's name or email, by action and
/// by source (page, API, import N), all inside the tenant's walls.
/// </summary>
public sealed class AuditLogPageReadsInWords(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Entries_are_found_by_name_email_action_and_source_and_only_inside_the_client()
    {
        var w = await World.CreateAsync(app);
        var byApi = w.Person(("First Name", "Apiwho"), ("Last Name", $"Zed{w.Tag}"));
        await w.As["A1"].PostJson("/api/v1/users", new { firstName = byApi["First Name"], lastName = byApi["Last Name"], email = byApi["Email"], extension = byApi["Extension"] });
        var byImport = w.Person(("First Name", "Importwho"), ("Last Name", $"Yan{w.Tag}"));
        var import = await w.As["A1"].Import(Encoding.UTF8.GetBytes(Csv.Write([byImport])));
        import.AssertCounts(created: 1);

        var a1 = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var byEmail = await a1.GetStringAsync($"/audit?User={Uri.EscapeDataString(byApi["Email"].ToUpperInvariant())}");
        Assert.Contains(">Created user</td>", byEmail, StringComparison.Ordinal);
        Assert.DoesNotContain(">user.create<", byEmail, StringComparison.Ordinal);
        Assert.Contains("API", byEmail, StringComparison.Ordinal);
        Assert.DoesNotContain("Importwho", byEmail, StringComparison.Ordinal);

        var byName = await a1.GetStringAsync($"/audit?User=importwho+yan{w.Tag}");
        Assert.Contains($"<a href=\"/imports/{import.Id}\">Import {import.Id}</a>", byName, StringComparison.Ordinal);
        Assert.DoesNotContain("Apiwho", byName, StringComparison.Ordinal);

        var fromImport = await a1.GetStringAsync($"/audit?Import={import.Id}&Action=user.create");
        Assert.Contains("Importwho", fromImport, StringComparison.Ordinal);
        Assert.DoesNotContain("Apiwho", fromImport, StringComparison.Ordinal);
        var fromApi = await a1.GetStringAsync($"/audit?Source=api&User={w.Tag}");
        Assert.Contains("Apiwho", fromApi, StringComparison.Ordinal);
        Assert.DoesNotContain("Importwho", fromApi, StringComparison.Ordinal);
        Assert.Contains("No entries match", await a1.GetStringAsync($"/audit?Source=page&User={w.Tag}"), StringComparison.Ordinal);
        Assert.Contains("No entries match", await a1.GetStringAsync($"/audit?Action=user.delete&User={w.Tag}"), StringComparison.Ordinal);

        // Another client: the same searches find nothing, whatever the filters.
        var a2 = await app.SignedIn(w.Emails["A2"], SwitchboardApp.AdminPass);
        foreach (var query in new[] { $"User={Uri.EscapeDataString(byApi["Email"])}", $"User=Apiwho", $"Import={import.Id}", $"Source=import&User={w.Tag}" })
        {
            var page = await a2.GetAsync("/audit?" + query);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var text = await page.Content.ReadAsStringAsync();
            Assert.Contains("No entries match", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<td", text, StringComparison.Ordinal);
        }
    }
}
