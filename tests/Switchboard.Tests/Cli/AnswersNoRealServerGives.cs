using System.Net;
using System.Text;

namespace Switchboard.Tests.Cli;

/// <summary>
/// The answers a healthy Switchboard does not give on demand — a 5xx, a proxy's HTML error page, an
/// import that failed for a server reason ("refused": false), a 400 validation problem — from a
/// small stand-in server on loopback, so every exit code of the table is checked.
/// </summary>
public sealed class AnswersNoRealServerGives : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, string ContentType, string Body)> _answers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _url;

    public AnswersNoRealServerGives()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(_url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var key = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}";
            var (status, type, body) = _answers.TryGetValue(key, out var a) ? a : (404, "application/problem+json", """{"title":"Not found","detail":"no such stub"}""");
            if (context.Request.HasEntityBody) await context.Request.InputStream.CopyToAsync(Stream.Null);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private CliUser Cli()
    {
        var cli = new CliUser();
        cli.Environment["SWITCHBOARD_SERVER"] = _url;
        cli.Environment["SWITCHBOARD_TOKEN"] = "stub-token";
        return cli;
    }

    [Fact]
    public async Task Exit_4_for_a_5xx_with_its_detail_on_one_line_and_for_a_proxys_error_page()
    {
        _answers["GET /api/v1/imports"] = (500, "application/problem+json",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.1","title":"An error occurred","status":500,"detail":"The database did not answer."}""");
        _answers["GET /api/v1/imports/5"] = (502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        using var cli = Cli();
        var r = await cli.RunAsync("imports", "list");
        Assert.True(r.Code == 4, r.ToString());
        Assert.Equal("error: The database did not answer. (500)", r.Stderr.Trim());
        Assert.Empty(r.StdoutBytes);

        var proxy = await cli.RunAsync("imports", "show", "5");
        Assert.True(proxy.Code == 4, proxy.ToString());
        Assert.Contains("answered 502 Bad Gateway", proxy.Stderr, StringComparison.Ordinal);
        Assert.Single(proxy.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Exit_4_for_an_import_that_failed_for_a_server_reason_and_2_for_one_refused_whole()
    {
        _answers["POST /api/v1/users/import"] = (202, "application/json", """{"id":7,"kind":"import","status":"queued","dryRun":false,"rows":0,"processed":0}""");
        _answers["GET /api/v1/imports/7"] = (200, "application/json",
            """{"id":7,"kind":"import","status":"failed","refused":false,"dryRun":false,"rows":3,"processed":0,"created":0,"updated":0,"unchanged":0,"failed":0,"message":"The import stopped because of an internal error; nothing from this file was applied."}""");
        using var cli = Cli();
        var file = Path.Combine(cli.Home, "users.csv");
        await File.WriteAllTextAsync(file, "First Name,Last Name,Email\r\nA,B,a@example.test\r\n");
        var r = await cli.RunAsync("users", "import", file);
        Assert.True(r.Code == 4, r.ToString());
        Assert.Contains("internal error", r.Stderr, StringComparison.Ordinal);

        _answers["GET /api/v1/imports/7"] = (200, "application/json",
            """{"id":7,"kind":"import","status":"failed","refused":true,"dryRun":false,"rows":0,"processed":0,"created":0,"updated":0,"unchanged":0,"failed":0,"message":"The file is empty."}""");
        var refused = await cli.RunAsync("users", "import", file);
        Assert.True(refused.Code == 2, refused.ToString());
    }

    [Fact]
    public async Task Exit_2_for_a_400_with_the_problems_fields_on_one_line()
    {
        _answers["POST /api/v1/users/import"] = (400, "application/problem+json",
            """{"title":"One or more validation errors occurred.","status":400,"detail":"Some values are not valid; see errors.","errors":{"file":["Send the CSV file in a multipart field named \"file\"."]}}""");
        using var cli = Cli();
        var file = Path.Combine(cli.Home, "users.csv");
        await File.WriteAllTextAsync(file, "First Name\r\n");
        var r = await cli.RunAsync("users", "import", file);
        Assert.True(r.Code == 2, r.ToString());
        Assert.Equal("error: Some values are not valid; see errors. file: Send the CSV file in a multipart field named \"file\". (400)", r.Stderr.Trim());
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
