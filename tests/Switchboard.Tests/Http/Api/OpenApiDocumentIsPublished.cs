using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;
using Switchboard.Web.Api;

namespace Switchboard.Tests.Http;

/// <summary>/openapi/v1.json describes the API as it answers: schemes, bodies, statuses, tags; /api/reference shows it.</summary>
public sealed class OpenApiDocumentIsPublished(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private async Task<JsonObject> Document()
    {
        var r = await app.CreateClient().GetAsync("/openapi/v1.json");
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Operation(JsonObject doc, string method, string path) =>
        doc["paths"]![path]?[method]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"{method} {path} is not in the document");

    private static IEnumerable<(string Method, string Path, JsonObject Op)> Operations(JsonObject doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (m.Key, p.Key, m.Value!.AsObject())));

    /// <summary>A schema with its $ref followed.</summary>
    private static JsonObject Resolve(JsonObject doc, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } r
            ? doc["components"]!["schemas"]![r.Split('/')[^1]]!.AsObject()
            : schema.AsObject();

    private static string[] Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };

    private static string[] Statuses(JsonObject op) => op["responses"]!.AsObject().Select(r => r.Key).ToArray();

    [Fact]
    public async Task Openapi_v1_json_answers_200_and_lists_the_import_endpoint()
    {
        var paths = (await Document())["paths"]!.AsObject();
        Assert.Contains("/api/v1/users/import", paths.Select(p => p.Key));
        Assert.NotNull(paths["/api/v1/users/import"]!["post"]);
        Assert.Contains("/api/v1/users/export", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_by_every_operation_but_the_sign_in()
    {
        var doc = await Document();
        var scheme = doc["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        foreach (var (method, path, op) in Operations(doc))
        {
            var secured = op["security"]?.AsArray().Any(s => s!.AsObject().ContainsKey("Bearer")) == true;
            if (path == "/api/v1/auth/token") Assert.False(secured, "the sign-in needs no token");
            else
            {
                Assert.True(secured, $"{method} {path} does not declare the bearer requirement");
                Assert.Contains("401", Statuses(op));
            }
        }
    }

    [Theory]
    [InlineData("post", "/api/v1/users")]
    [InlineData("put", "/api/v1/users/{id}")]
    public async Task User_bodies_have_every_writable_field_with_its_json_type(string method, string path)
    {
        var doc = await Document();
        var body = Operation(doc, method, path)["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var properties = Resolve(doc, body)["properties"]!.AsObject();
        // Every field a GET returns, but the ID (the URL's), the IP address and the last provisioning fetch
        // (the phone's, recorded by its fetches), and the write-only password.
        var expected = typeof(UserDto).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .Where(n => n is not ("id" or "clientId" or "ipAddress" or "provisionedAt" or "provisionedUserAgent")).Append("webPassword").ToList();
        Assert.Empty(expected.Except(properties.Select(p => p.Key)));
        Assert.Contains("string", Types(properties["firstName"]));
        Assert.Contains("string", Types(properties["extension"]));
        Assert.Contains("integer", Types(properties["phoneModelId"]));
        Assert.Contains("boolean", Types(properties["dndOn"]));
        Assert.All(properties, p => Assert.NotEmpty(Types(p.Value)));
        if (method == "post")
        {
            Assert.Contains("integer", Types(properties["clientId"]));
            Assert.Equal(["email", "extension", "firstName", "lastName"],
                Resolve(doc, body)["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        }
    }

    [Fact]
    public async Task The_import_upload_is_multipart_with_a_binary_file_and_answers_202_with_a_location()
    {
        var doc = await Document();
        var op = Operation(doc, "post", "/api/v1/users/import");
        var content = op["requestBody"]!["content"]!.AsObject();
        Assert.Equal(["multipart/form-data"], content.Select(c => c.Key));
        var file = Resolve(doc, content["multipart/form-data"]!["schema"]!)["properties"]!["file"]!;
        Assert.Equal("binary", Resolve(doc, file)["format"]!.GetValue<string>());
        Assert.Equal(["202", "400", "401", "403", "413"], Statuses(op).Order());
        var accepted = op["responses"]!["202"]!;
        Assert.NotNull(accepted["headers"]!["Location"]);
        Assert.Equal("ImportDto", accepted["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1]);
    }

    [Theory]
    [InlineData("post", "/api/v1/users", "201 400 401 403 404")]
    [InlineData("put", "/api/v1/users/{id}", "200 400 401 403 404")]
    [InlineData("delete", "/api/v1/users/{id}", "204 401 403 404")]
    [InlineData("get", "/api/v1/users/{id}", "200 401 404")]
    [InlineData("get", "/api/v1/imports/{id}", "200 401 404")]
    [InlineData("get", "/api/v1/imports/{id}/failed-rows.csv", "200 401 404 409")]
    [InlineData("get", "/api/v1/users/export", "200 401 403 404")]
    [InlineData("get", "/api/v1/audit", "200 401 403 404")]
    [InlineData("post", "/api/v1/auth/token", "200 400 401 429")]
    [InlineData("put", "/api/v1/me/settings", "200 400 401 404")]
    public async Task Operations_declare_the_statuses_they_answer(string method, string path, string statuses)
    {
        Assert.Equal(statuses.Split(' '), Statuses(Operation(await Document(), method, path)).Order());
    }

    [Fact]
    public async Task Every_response_has_a_schema_and_every_problem_is_problem_json()
    {
        var doc = await Document();
        foreach (var (method, path, op) in Operations(doc))
        {
            foreach (var (status, response) in op["responses"]!.AsObject())
            {
                if (status == "204") continue;
                var content = response!["content"]?.AsObject();
                Assert.True(content is { Count: > 0 }, $"{method} {path} {status} has no content");
                Assert.All(content!, c => Assert.NotNull(c.Value!["schema"]));
                if (status[0] == '4') Assert.Equal(["application/problem+json"], content!.Select(c => c.Key));
            }
        }
    }

    [Fact]
    public async Task Operations_are_tagged_by_feature()
    {
        var doc = await Document();
        var tags = Operations(doc).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Op["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToArray() ?? []);
        Assert.All(tags, t => Assert.True(t.Value.Length > 0 && t.Value.All(n => n != "Switchboard" && !n.EndsWith("Endpoints")), $"{t.Key}: {string.Join(",", t.Value)}"));
        Assert.Equal(["Users"], tags["post /api/v1/users"]);
        Assert.Equal(["Imports"], tags["post /api/v1/users/import"]);
        Assert.Equal(["Audit"], tags["get /api/v1/audit"]);
        Assert.Equal(["Auth"], tags["post /api/v1/auth/token"]);
        Assert.Equal(["Clients"], tags["get /api/v1/clients"]);
        Assert.Equal(["Accounts"], tags["get /api/v1/accounts"]);
        Assert.Equal(["Phone models"], tags["get /api/v1/phone-models"]);
    }

    [Fact]
    public async Task Times_are_declared_as_date_time_strings()
    {
        var doc = await Document();
        var import = doc["components"]!["schemas"]!["ImportDto"]!["properties"]!;
        Assert.Equal(["string"], Types(import["createdAt"]));
        Assert.Equal("date-time", import["createdAt"]!["format"]!.GetValue<string>());
        Assert.Contains("string", Types(import["finishedAt"]));
    }

    [Fact]
    public async Task The_api_reference_page_answers_html_and_runs_only_its_own_scripts()
    {
        var http = app.CreateClient();
        var r = await http.GetAsync("/api/reference");
        var html = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {html}");
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html);
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Matches("script-src 'self' 'nonce-[^']+'", csp);
        Assert.DoesNotContain("unsafe-inline'; ", csp.Split("style-src")[0]); // inline script stays forbidden
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/reference/scalar.js")).StatusCode);
        // The API itself is still under /api/v1.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me")).StatusCode);
    }
}
