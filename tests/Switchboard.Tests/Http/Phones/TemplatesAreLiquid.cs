using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Phones;

/// <summary>
/// Provisioning templates are Liquid (phones.md, "Templates are Liquid"): saving refuses what would break
/// a phone's file, the preview renders every variable for one of the caller's users with the phone secret
/// masked, and another tenant's template or user answers like a missing one.
/// </summary>
public sealed class TemplatesAreLiquid(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    internal static object Template(World w, string body, string name = "Liquid") => new { name = $"{name} {w.Tag} {w.Person()["Email"]}", phoneModelId = w.PmYea, body };

    internal static async Task<JsonObject> Preview(HttpClient http, int template, int user) =>
        await http.GetJson($"/api/v1/provisioning-templates/{template}/preview?userId={user}");

    [Fact]
    public async Task A_body_that_does_not_parse_is_refused_naming_the_line_by_api_create_and_edit()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var bad = "account.1.enable = 1\naccount.1.user_name = {{ extension \naccount.1.password = {{ phone_secret }}\n";
        var create = await a1.ProblemOf(HttpMethod.Post, "/api/v1/provisioning-templates", Template(w, bad));
        Assert.Equal(HttpStatusCode.BadRequest, create.Status);
        var message = create.Json!["errors"]!["body"]![0]!.GetValue<string>();
        Assert.StartsWith("Line 2, column ", message, StringComparison.Ordinal);

        var id = (await a1.PostJson("/api/v1/provisioning-templates", Template(w, "account.1.user_name = {{ extension }}\n"))).Id();
        var edit = await a1.ProblemOf(HttpMethod.Put, $"/api/v1/provisioning-templates/{id}", Template(w, "ok\n{% if dnd_on %}\nno end"));
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.StartsWith("Line 3, column ", edit.Json!["errors"]!["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("account.1.user_name = {{ extension }}\n", (await a1.GetJson($"/api/v1/provisioning-templates/{id}")).Str("body"));
    }

    [Fact]
    public async Task A_body_reading_an_unknown_variable_is_refused_listing_the_known_ones()
    {
        var w = await SharedWorld.For(app);
        foreach (var body in new[] { "user = {{ extention }}", "{% if voicemail_on %}x{% endif %}", "{{ Extension }}", "{{ extension | append: secret }}" })
        {
            var r = await w.As["A1"].ProblemOf(HttpMethod.Post, "/api/v1/provisioning-templates", Template(w, body));
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            var message = r.Json!["errors"]!["body"]![0]!.GetValue<string>();
            Assert.Contains("no template has", message, StringComparison.Ordinal);
            foreach (var known in new[] { "extension", "phone_secret", "display_name", "sip_server", "mac_colons", "dnd_on", "call_waiting_on", "forward_number", "followme_number", "provisioning_url" })
                Assert.Contains(known, message, StringComparison.Ordinal);
        }
        var include = await w.As["A1"].ProblemOf(HttpMethod.Post, "/api/v1/provisioning-templates", Template(w, "{% include 'other' %}"));
        Assert.Equal(HttpStatusCode.BadRequest, include.Status);
        Assert.Contains("include", include.Json!["errors"]!["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_template_defines_and_filters_are_fine_and_render()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        const string body = """
            {% assign uri = extension | append: "@" | append: sip_domain %}{{ uri | upcase }}
            {% capture label %}{{ first_name }}/{{ last_name | downcase }}{% endcapture %}{{ label }}
            {% for line in (1..2) %}line{{ line }}.{{ forloop.index }};{% endfor %}
            {{ display_name | truncate: 4, "" }}|{{ department | default: "none" }}
            """;
        var id = (await a1.PostJson("/api/v1/provisioning-templates", Template(w, body))).Id();
        var user = await a1.PostJson("/api/v1/users", new { firstName = "Ada", lastName = "LOVELACE", email = w.Person()["Email"], extension = "7101" });
        var sipDomain = (await a1.GetJson($"/api/v1/clients/{w.CA1}")).Str("sipDomain")!;
        var rendered = (await Preview(a1, id, user.Id())).Str("rendered")!.Split('\n');
        Assert.Equal($"7101@{sipDomain}".ToUpperInvariant(), rendered[0]);
        Assert.Equal("Ada/lovelace", rendered[1]);
        Assert.Equal("line1.1;line2.2;", rendered[2]);
        Assert.Equal("Ada |none", rendered[3]);
    }

    [Fact]
    public async Task An_existing_extension_template_keeps_working_and_an_edit_renders_at_once()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var user = (await a1.PostJson("/api/v1/users", new { firstName = "Old", lastName = "Style", email = w.Person()["Email"], extension = "7102" })).Id();
        // The world's templates hold "account.1.user_name = {{extension}}", as templates did before Liquid.
        Assert.Equal("account.1.user_name = 7102\n", (await Preview(a1, w.TplYea, user)).Str("rendered"));

        var id = (await a1.PostJson("/api/v1/provisioning-templates", Template(w, "first {{extension}}"))).Id();
        Assert.Equal("first 7102", (await Preview(a1, id, user)).Str("rendered"));
        Assert.Equal(HttpStatusCode.OK, (await a1.PutAsJsonAsync($"/api/v1/provisioning-templates/{id}", Template(w, "second {{extension}}"))).StatusCode);
        Assert.Equal("second 7102", (await Preview(a1, id, user)).Str("rendered"));
    }

    [Fact]
    public async Task Every_variable_renders_and_the_switches_are_liquid_booleans()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var body = string.Join("\n", AllVariables.Select(v => $"{v}=[{{{{ {v} }}}}]")) +
                   "\n{% if dnd_on %}dnd yes{% else %}dnd no{% endif %} {% if call_waiting_on %}cw yes{% else %}cw no{% endif %}" +
                   " {% unless dnd_on == false %}dnd is true{% endunless %}";
        var id = (await a1.PostJson("/api/v1/provisioning-templates", Template(w, body))).Id();
        var email = w.Person()["Email"];
        var user = (await a1.PostJson("/api/v1/users", new
        {
            firstName = "Grace", lastName = "Hopper", email, extension = "7103", department = "Navy", phoneModelId = w.PmYea,
            provisioningTemplateId = id, macAddress = "00-15-65-ab-cd-ef", forwardNumber = "+1 (415) 555-0100", followmeNumber = "020 7946 0018",
            dndOn = true, callWaitingOn = false,
        })).Id();
        var client = await a1.GetJson($"/api/v1/clients/{w.CA1}");
        var answer = await Preview(a1, id, user);
        Assert.Null(answer["problem"]);
        var lines = answer.Str("rendered")!.Split('\n');
        var got = lines.Take(AllVariables.Length).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 2)..^1]);
        Assert.Equal("7103", got["extension"]);
        Assert.Equal("••••••", got["phone_secret"]);
        Assert.Equal("Grace", got["first_name"]);
        Assert.Equal("Hopper", got["last_name"]);
        Assert.Equal("Grace Hopper", got["display_name"]);
        Assert.Equal(email, got["email"], ignoreCase: true);
        Assert.Equal("Navy", got["department"]);
        Assert.Equal(client.Str("name"), got["client_name"]);
        Assert.Equal(client.Str("defaultLanguage"), got["language"]);
        Assert.Equal(client.Str("sipDomain"), got["sip_domain"]);
        Assert.Equal(client.Str("sipDomain"), got["sip_server"]);
        Assert.Equal("001565abcdef", got["mac"]);
        Assert.Equal("00:15:65:AB:CD:EF", got["mac_colons"]);
        Assert.Equal("true", got["dnd_on"]);
        Assert.Equal("false", got["call_waiting_on"]);
        Assert.Equal("+14155550100", got["forward_number"]);
        Assert.Equal("02079460018", got["followme_number"]);
        Assert.Equal("http://localhost/provisioning/", got["provisioning_url"]);
        Assert.Equal("dnd yes cw no dnd is true", lines[^1]);

        // A user of its own language, no phone, no numbers: empty, not "null".
        var soft = (await a1.PostJson("/api/v1/users", new { firstName = "Soft", lastName = "Phone", email = w.Person()["Email"], extension = "7104", language = "de" })).Id();
        var plain = (await Preview(a1, id, soft)).Str("rendered")!.Split('\n').Take(AllVariables.Length)
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 2)..^1]);
        Assert.Equal("de", plain["language"]);
        Assert.Equal("", plain["mac"]);
        Assert.Equal("", plain["mac_colons"]);
        Assert.Equal("", plain["forward_number"]);
        Assert.Equal("", plain["department"]);
        Assert.Equal("false", plain["dnd_on"]);
        Assert.Equal("true", plain["call_waiting_on"]);
    }

    internal static readonly string[] AllVariables =
    [
        "extension", "phone_secret", "first_name", "last_name", "display_name", "email", "department", "client_name", "language",
        "sip_domain", "sip_server", "mac", "mac_colons", "dnd_on", "call_waiting_on", "forward_number", "followme_number", "provisioning_url",
    ];

    [Fact]
    public async Task The_preview_masks_the_phone_secret_whatever_the_template_does_with_it()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var user = (await a1.PostJson("/api/v1/users", new { firstName = "Sec", lastName = "Ret", email = w.Person()["Email"], extension = "7105", phoneSecret = "Sup3rSecretPhone77" })).Id();
        Assert.Equal("Sup3rSecretPhone77", (await a1.GetUser(user, secrets: true)).Str("phoneSecret"));
        var id = (await a1.PostJson("/api/v1/provisioning-templates",
            Template(w, "{{ phone_secret }}|{{ phone_secret | upcase }}|{{ phone_secret | size }}|{{ phone_secret | slice: 0, 3 }}"))).Id();
        var r = await a1.GetAsync($"/api/v1/provisioning-templates/{id}/preview?userId={user}");
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.DoesNotContain("Sup3r", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("••••••|••••••|6|•••", (await Preview(a1, id, user)).Str("rendered"));
    }

    [Fact]
    public async Task Another_tenants_template_or_user_answers_like_a_missing_one()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var mine = (await a1.PostJson("/api/v1/users", new { firstName = "Mine", lastName = "Own", email = w.Person()["Email"], extension = "7106" })).Id();
        var theirs = (await w.As["A2"].PostJson("/api/v1/users", new { firstName = "Theirs", lastName = "Other", email = w.Person()["Email"], extension = "7106" })).Id();

        var foreignUser = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYea}/preview?userId={theirs}");
        var missingUser = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYea}/preview?userId={Kit.Missing}");
        Assert.Equal(HttpStatusCode.NotFound, foreignUser.Status);
        Assert.Equal(missingUser.Shape, foreignUser.Shape);

        var foreignTemplate = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYeaA2}/preview?userId={mine}");
        var missingTemplate = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{Kit.Missing}/preview?userId={mine}");
        Assert.Equal(HttpStatusCode.NotFound, foreignTemplate.Status);
        Assert.Equal(missingTemplate.Shape, foreignTemplate.Shape);
        Assert.Equal(missingUser.Shape, missingTemplate.Shape);
        Assert.Equal($"Provisioning template {Kit.Missing} or user {mine} was not found.", missingTemplate.Detail);

        // The owner and its reseller see it; the system template serves every client's users.
        Assert.Equal("account.1.user_name = 7106\n", (await Preview(w.As["A2"], w.TplYeaA2, theirs)).Str("rendered"));
        Assert.Equal("account.1.user_name = 7106\n", (await Preview(w.As["resA"], w.TplYeaA2, theirs)).Str("rendered"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.As["resB"].ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYea}/preview?userId={theirs}")).Status);

        var noUser = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{w.TplYea}/preview");
        Assert.Equal(HttpStatusCode.BadRequest, noUser.Status);
        Assert.Contains("userId", noUser.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_would_run_away_is_stopped_not_rendered()
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var user = (await a1.PostJson("/api/v1/users", new { firstName = "Loop", lastName = "Er", email = w.Person()["Email"], extension = "7107" })).Id();
        var id = (await a1.PostJson("/api/v1/provisioning-templates",
            Template(w, "{% for i in (1..10000) %}{% for j in (1..10000) %}{{ extension }}{% endfor %}{% endfor %}"))).Id();
        var r = await a1.ProblemOf(HttpMethod.Get, $"/api/v1/provisioning-templates/{id}/preview?userId={user}");
        Assert.Equal(HttpStatusCode.Conflict, r.Status);
        Assert.Contains("could not render", r.Detail, StringComparison.Ordinal);
    }
}
