using System.Net;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// The import flow's "Import this file now": a validation without failed rows imports the same
/// uploaded file, kept on the server for its uploader inside its client, once.
/// </summary>
public sealed class ImportThisFileNow(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static async Task<HttpResponseMessage> ImportNow(HttpClient browser, int validation)
    {
        var token = await browser.FormToken("/import");
        return await browser.PostAsync($"/imports/{validation}?handler=ImportNow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task A_validated_file_is_imported_once_by_its_uploader_and_never_from_another_client()
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Voicemail Pin", "048213"), ("Forward Number", "+442079460000"));
        var dry = await w.As["A1"].Import(Encoding.UTF8.GetBytes(Csv.Write([person])), dryRun: true);
        dry.AssertCounts(created: 1, failed: 0);
        var validation = dry.Json["id"]!.GetValue<int>();
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Email"] == person["Email"]);

        // Another client's administrator: the validation does not exist for them; its reseller sees it but may not import.
        var a2 = await app.SignedIn(w.Emails["A2"], SwitchboardApp.AdminPass);
        Assert.Equal(HttpStatusCode.NotFound, (await ImportNow(a2, validation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a2.GetAsync($"/imports/{validation}")).StatusCode);
        var reseller = await app.SignedIn(w.Emails["resA"], SwitchboardApp.AdminPass);
        var refused = await reseller.GetStringAsync($"/imports/{validation}");
        Assert.DoesNotContain("Import this file now</button>", refused, StringComparison.Ordinal);

        var a1 = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        Assert.Contains("Import this file now</button>", await a1.GetStringAsync($"/imports/{validation}"), StringComparison.Ordinal);
        var started = await ImportNow(a1, validation);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var import = int.Parse(started.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(validation, import);
        var user = await WaitForUser(w, person["Email"]);
        Assert.Equal("'048213", user["Voicemail Pin"]);
        Assert.Equal("'+442079460000", user["Forward Number"]);

        // Used once: the button is gone and a second post is refused with a message, importing nothing.
        Assert.DoesNotContain("Import this file now</button>", await a1.GetStringAsync($"/imports/{validation}"), StringComparison.Ordinal);
        var again = await ImportNow(a1, validation);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("no longer kept", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_with_failed_rows_offers_no_import()
    {
        var w = await World.CreateAsync(app);
        var dry = await w.As["A1"].Import(Encoding.UTF8.GetBytes(Csv.Write([w.Person(("Extension", "0201"))])), dryRun: true);
        dry.AssertCounts(failed: 1);
        var a1 = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var id = dry.Json["id"]!.GetValue<int>();
        Assert.DoesNotContain("Import this file now</button>", await a1.GetStringAsync($"/imports/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ImportNow(a1, id)).StatusCode);
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Email"].Contains(w.Tag, StringComparison.Ordinal) && r["Extension"] == "0201");
    }

    private static async Task<Dictionary<string, string>> WaitForUser(World w, string email)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await w.As["A1"].Export("?includeSecrets=true")).Rows.FirstOrDefault(r => r["Email"] == email) is { } row) return row;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{email} was never imported");
    }
}
