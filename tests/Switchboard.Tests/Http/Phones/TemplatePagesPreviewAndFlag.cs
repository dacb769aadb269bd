using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Phones;

/// <summary>
/// The template pages: the same preview as the API (pick a user; secret masked), the save rule on the
/// form, and templates stored before the rule flagged on the Templates page, rendering unknown names empty.
/// </summary>
public sealed partial class TemplatePagesPreviewAndFlag(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task The_template_pages_offer_the_preview_with_the_secret_masked()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var user = (await a1.PostJson("/api/v1/users", new { firstName = "Page", lastName = "Preview", email = w.Person()["Email"], extension = "7201", phoneSecret = "PagePhoneSecret991" })).Id();
        var id = (await a1.PostJson("/api/v1/provisioning-templates", TemplatesAreLiquid.Template(w, "user={{ extension }} pw={{ phone_secret }} name={{ display_name }}"))).Id();
        var browser = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);

        var edit = await browser.GetStringAsync($"/templates/edit/{id}");
        Assert.Contains($"action=\"/templates/preview/{id}\"", edit, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{user}\"", edit, StringComparison.Ordinal);

        var list = await browser.GetStringAsync("/templates");
        Assert.Contains($"href=\"/templates/preview/{w.TplYea}\"", list, StringComparison.Ordinal);

        var r = await browser.GetAsync($"/templates/preview/{id}?userId={user}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = Decoded(await r.Content.ReadAsStringAsync());
        Assert.Contains("<pre data-preview>user=7201 pw=•••••• name=Page Preview</pre>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PagePhoneSecret991", page, StringComparison.Ordinal);

        // Another client's user is not found, exactly like a missing one.
        var theirs = (await w.As["A2"].PostJson("/api/v1/users", new { firstName = "Not", lastName = "Yours", email = w.Person()["Email"], extension = "7202" })).Id();
        var foreign = await browser.GetAsync($"/templates/preview/{id}?userId={theirs}");
        var missing = await browser.GetAsync($"/templates/preview/{id}?userId={Kit.Missing}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(Steady(await missing.Content.ReadAsStringAsync()), Steady(await foreign.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/templates/preview/{w.TplYeaA2}")).StatusCode);
    }

    [Fact]
    public async Task The_add_and_edit_forms_refuse_a_broken_body_with_the_message_beside_it()
    {
        var w = await SharedWorld.For(app);
        var browser = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var token = await browser.FormToken("/templates");
        var name = $"Form {w.Tag} {w.Person()["Email"]}";
        var r = await browser.PostAsync("/templates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name, ["phoneModelId"] = Kit.I(w.PmYea), ["body"] = "ok\n{{ mac_address }}", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = Decoded(await r.Content.ReadAsStringAsync());
        Assert.Contains("id=\"err-body\"", html, StringComparison.Ordinal);
        Assert.Contains("mac_address", html, StringComparison.Ordinal);
        Assert.Contains("mac_colons", html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, await browser.GetStringAsync("/templates"), StringComparison.Ordinal);

        var id = (await w.As["A1"].PostJson("/api/v1/provisioning-templates", TemplatesAreLiquid.Template(w, "fine {{ extension }}"))).Id();
        token = await browser.FormToken($"/templates/edit/{id}");
        var edit = await browser.PostAsync($"/templates/edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name, ["PhoneModelId"] = Kit.I(w.PmYea), ["Body"] = "{% for x in (1..2) %}", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("Line 1, column", Decoded(await edit.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("fine {{ extension }}", (await w.As["A1"].GetJson($"/api/v1/provisioning-templates/{id}")).Str("body"));
    }

    [Fact]
    public async Task Templates_stored_before_the_rule_are_flagged_and_render_unknown_names_empty()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var user = (await a1.PostJson("/api/v1/users", new { firstName = "Leg", lastName = "Acy", email = w.Person()["Email"], extension = "7203" })).Id();
        var unknown = Stored(w, "Legacy unknown", "user={{ extension }} vm={{ voicemail_box }};");
        var broken = Stored(w, "Legacy broken", "user={{ extension }");
        var fine = (await a1.PostJson("/api/v1/provisioning-templates", TemplatesAreLiquid.Template(w, "user={{ extension }}"))).Id();

        var answer = await TemplatesAreLiquid.Preview(a1, unknown, user);
        Assert.Equal("user=7203 vm=;", answer.Str("rendered"));
        Assert.Contains("voicemail_box", answer.Str("problem"), StringComparison.Ordinal);
        var cannot = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{broken}/preview?userId={user}");
        Assert.Equal(HttpStatusCode.Conflict, cannot.Status);
        Assert.Contains("Line 1", cannot.Detail, StringComparison.Ordinal);

        var browser = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var list = Decoded(await browser.GetStringAsync("/templates"));
        Assert.Contains("voicemail_box", Row(list, unknown), StringComparison.Ordinal);
        Assert.Contains("data-template-problem", Row(list, unknown), StringComparison.Ordinal);
        Assert.Contains("Line 1", Row(list, broken), StringComparison.Ordinal);
        Assert.DoesNotContain("data-template-problem", Row(list, fine), StringComparison.Ordinal);
        Assert.DoesNotContain("data-template-problem", Row(list, w.TplYea), StringComparison.Ordinal);
        Assert.Contains("data-template-problem", Decoded(await browser.GetStringAsync($"/templates/preview/{unknown}")), StringComparison.Ordinal);
    }

    /// <summary>A template of client A1 written straight to the database, as one stored before saving checked bodies.</summary>
    private int Stored(World w, string name, string body)
    {
        name = $"{name} {w.Tag} {w.Person()["Email"]}";
        app.Database.Execute("INSERT INTO \"ProvisioningTemplates\" (\"Name\", \"PhoneModelId\", \"Body\", \"ClientId\") " +
                             $"VALUES ('{name}', {w.PmYea}, '{body}', {w.CA1})");
        return Convert.ToInt32(app.Database.Scalar($"SELECT \"Id\" FROM \"ProvisioningTemplates\" WHERE \"Name\" = '{name}'"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The page without what differs on every answer (script nonce, antiforgery token) and with IDs masked.</summary>
    private static string Steady(string html) => Kit.Masked(Volatile().Replace(html, "\"volatile\""));

    [GeneratedRegex("(?<=value=)\"CfDJ8[^\"]*\"|(?<=nonce=)\"[^\"]*\"")]
    private static partial Regex Volatile();

    private static string Row(string html, int template)
    {
        var m = Regex.Match(html, $"<tr data-template=\"{template}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no row for template {template}");
        return m.Value;
    }
}
