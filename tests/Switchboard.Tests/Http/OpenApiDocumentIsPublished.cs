using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

public sealed class OpenApiDocumentIsPublished(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Openapi_v1_json_answers_200_and_lists_the_import_endpoint()
    {
        var r = await app.CreateClient().GetAsync("/openapi/v1.json");
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {text}");
        var paths = JsonNode.Parse(text)!["paths"]!.AsObject();
        Assert.Contains("/api/v1/users/import", paths.Select(p => p.Key));
        Assert.NotNull(paths["/api/v1/users/import"]!["post"]);
        Assert.Contains("/api/v1/users/export", paths.Select(p => p.Key));
    }
}
