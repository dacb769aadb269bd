using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Issue 12, item 1: every JSON and form body is held to 1 MB (Requests:MaxBodyBytes) and one over it
/// answers 413 — problem details from the API, the error page in a browser — before it is read,
/// whether its Content-Length says so or it comes chunked; only a client administrator's import
/// upload takes more (the import's own file limit). The real server's memory under such bodies is
/// measured in Process/BodiesAreBoundedBeforeTheyAreRead.
/// </summary>
public sealed class BodiesOverTheLimitAreRefused(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private const int Limit = 1024 * 1024;
    private const int Over = Limit + 512 * 1024;

    /// <summary>A JSON object whose one string property fills it out to <paramref name="bytes"/> bytes.</summary>
    private static byte[] Json(string start, string padded, int bytes)
    {
        var head = $"{{{start}\"{padded}\":\"";
        return Encoding.UTF8.GetBytes(head + new string('a', bytes - head.Length - 2) + "\"}");
    }

    public static TheoryData<bool> Chunked => new(false, true);

    [Theory]
    [MemberData(nameof(Chunked))]
    public async Task A_json_body_over_the_limit_answers_413_problem_details_on_every_endpoint(bool chunked)
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Web Passwords", "Body-Limit-Pass-77"));
        await w.As["A1"].CreateUsers(person);
        var pbxUser = await app.SignInAsync(person["Email"], "Body-Limit-Pass-77");
        var cases = new (HttpClient Http, HttpMethod Method, string Path, byte[] Body)[]
        {
            (app.CreateClient(), HttpMethod.Post, "/api/v1/auth/token", Json("\"email\":\"nobody@example.test\",", "password", Over)),
            (w.As["A1"], HttpMethod.Post, "/api/v1/users", Json("\"email\":\"big@example.test\",\"extension\":\"4711\",", "firstName", Over)),
            (pbxUser, HttpMethod.Put, "/api/v1/me/settings", Json("\"currentPassword\":\"Body-Limit-Pass-77\",", "webPassword", Over)),
            (w.Admin, HttpMethod.Post, "/api/v1/resellers", Json("", "name", Over)),
        };
        foreach (var (http, method, path, body) in cases)
        {
            var sent = new SentContent(body, "application/json", chunked);
            var problem = await (await http.SendAsync(new HttpRequestMessage(method, path) { Content = sent })).ReadProblem();
            Assert.True(problem.Status == HttpStatusCode.RequestEntityTooLarge, $"{method} {path} ({(chunked ? "chunked" : "Content-Length")}): {problem.Shape}");
            Assert.Equal("Request too large", problem.Title);
            Assert.Contains("1 MB", problem.Detail ?? "", StringComparison.Ordinal);
            Assert.Equal(413, problem.Json?["status"]?.GetValue<int>());
        }
        Assert.DoesNotContain((await w.As["A1"].Export()).Rows, r => r["Email"] == "big@example.test");
    }

    [Fact]
    public async Task A_body_under_the_limit_still_reaches_the_endpoint()
    {
        var http = app.CreateClient();
        var body = new ByteArrayContent(Json("\"email\":\"nobody@example.test\",", "password", Limit - 1024));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var problem = await (await http.PostAsync("/api/v1/auth/token", body)).ReadProblem();
        Assert.True(problem.Status == HttpStatusCode.Unauthorized, problem.Shape);
    }

    [Theory]
    [MemberData(nameof(Chunked))]
    public async Task A_form_post_over_the_limit_answers_413_with_the_error_page(bool chunked)
    {
        var browser = app.Browser();
        var token = await browser.FormToken("/login");
        var form = Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Email=nobody%40example.test&Password=" + new string('a', Over));
        var r = await browser.PostAsync("/login", new SentContent(form, "application/x-www-form-urlencoded", chunked));
        var page = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)r.StatusCode}: {page[..Math.Min(page.Length, 400)]}");
        Assert.Contains("<h1>Too large</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_administrator_still_imports_a_file_larger_than_the_small_limit_by_api_and_page()
    {
        var w = await World.CreateAsync(app);
        var rows = Enumerable.Range(0, 10_000).Select(_ => w.Soft(("Department", new string('d', 60)))).ToList();
        var csv = Encoding.UTF8.GetBytes(Csv.Write(rows));
        Assert.True(csv.Length > Limit + 128 * 1024, $"{csv.Length:N0} bytes");

        var report = await w.As["A1"].Import(csv, dryRun: true);
        Assert.Equal(rows.Count, report.Json["rows"]!.GetValue<int>());

        var browser = await app.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var posted = await browser.PostAsync("/import", ImportForm(csv, await browser.FormToken("/import")));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        Assert.StartsWith("/imports/", posted.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// (That the body is then never read, not even to be thrown away, only a real server shows: the
    /// in-memory one takes every body whole. See Process/BodiesAreBoundedBeforeTheyAreRead.)
    /// </summary>
    [Fact]
    public async Task A_large_upload_from_anyone_who_may_not_import_is_refused_with_the_small_limit()
    {
        var w = await World.CreateAsync(app);
        var csv = Encoding.UTF8.GetBytes(Csv.Headers[0] + "\r\n" + new string('x', 2 * Limit));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/users/import", ImportForm(csv, ""))).StatusCode);

        var problem = await (await w.As["resA"].PostAsync("/api/v1/users/import", ImportForm(csv, ""))).ReadProblem();
        Assert.True(problem.Status == HttpStatusCode.RequestEntityTooLarge, problem.Shape);
        Assert.Contains("1 MB", problem.Detail ?? "", StringComparison.Ordinal);

        // The Import page's form post from a reseller's browser: 413 before the antiforgery check would read the form.
        var browser = await app.SignedIn(w.Emails["resA"], SwitchboardApp.AdminPass);
        var page = await browser.PostAsync("/import", ImportForm(csv, await browser.FormToken("/import")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Contains("<h1>Too large</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent ImportForm(byte[] csv, string token)
    {
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent
        {
            { file, "file", "users.csv" }, { new StringContent("validate"), "mode" }, { new StringContent(token), "__RequestVerificationToken" },
        };
    }

    /// <summary>A body sent with its Content-Length, or chunked without one.</summary>
    private sealed class SentContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly bool _chunked;

        public SentContent(byte[] bytes, string contentType, bool chunked)
        {
            (_bytes, _chunked) = (bytes, chunked);
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return !_chunked;
        }
    }
}
