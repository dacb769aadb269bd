using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>A file over the size limit answers 413 also when it is sent chunked, without a Content-Length.</summary>
public sealed class ChunkedUploadOverTheLimit(SmallImportLimits limits) : IClassFixture<SmallImportLimits>
{
    [Fact]
    public async Task A_chunked_upload_over_the_limit_answers_413()
    {
        var w = await World.CreateAsync(limits.App);
        var csv = Encoding.UTF8.GetBytes(Csv.Write(Enumerable.Range(0, 60).Select(_ => w.Soft(("Department", new string('x', 60))))));
        var file = new StreamContent(new MemoryStream(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var content = new MultipartFormDataContent { { file, "file", "users.csv" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/import") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await w.As["A1"].SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await response.ReadProblem()).Status);
    }
}
