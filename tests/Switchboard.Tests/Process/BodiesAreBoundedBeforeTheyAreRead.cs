using System.Text;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Process;

/// <summary>
/// Issue 12, item 1, on a real server (Kestrel; the in-memory test server has no body size limit of
/// its own): a body over the small limit every JSON and form endpoint takes is answered 413 at once,
/// before it is read, so nobody — signed in or not — can make the server hold a large body; only a
/// client administrator's import upload takes the import's file limit.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class BodiesAreBoundedBeforeTheyAreRead(ITestOutputHelper output) : IDisposable
{
    /// <summary>What the attacker sent: four 95 MB sign-in bodies at once.</summary>
    private const int Bodies = 4;
    private const long BodyBytes = 95L * 1024 * 1024;

    /// <summary>The issue's bar for the server's peak resident memory (it reached 2.5 GB).</summary>
    private const int PeakLimitMb = 600;

    private readonly ServerProcess _server = new();

    public void Dispose() => _server.Dispose();

    private static RawRequest SignIn(long length, bool chunked = false) =>
        new("POST", "/api/v1/auth/token", "application/json", "{\"email\":\"nobody@example.test\",\"password\":\""u8.ToArray(), length, chunked)
        {
            Suffix = "\"}"u8.ToArray(),
        };

    [Fact]
    public async Task Four_concurrent_95_MB_sign_in_bodies_answer_413_and_keep_the_server_under_600_MB()
    {
        await _server.StartAsync();
        _server.ResetPeak();
        var before = _server.PeakMegabytes();

        var answers = await Task.WhenAll(Enumerable.Range(0, Bodies).Select(_ => SignIn(BodyBytes).SendAsync(_server.BaseAddress)));

        var peak = _server.PeakMegabytes();
        var resident = _server.ResidentMegabytes();
        output.WriteLine($"peak {before} MB before, {peak} MB while {Bodies} bodies of {BodyBytes / 1024 / 1024} MB arrived, {resident} MB resident after; " +
                         $"answers {string.Join(", ", answers.Select(a => $"{a.Status} after {a.Sent:N0} bytes"))}");
        Assert.All(answers, a => Assert.True(a.Status == 413, $"answered {a.Status} after {a.Sent:N0} bytes: {a.Head}\n{a.Body}"));
        Assert.All(answers, a => Assert.Contains("\"status\":413", a.Body, StringComparison.Ordinal));
        Assert.True(peak < PeakLimitMb, $"the server's peak memory was {peak} MB (from {before} MB), over {PeakLimitMb} MB");
        Assert.True(_server.IsRunning);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_at_the_limit_with_413()
    {
        await _server.StartAsync();
        var answer = await SignIn(20L * 1024 * 1024, chunked: true).SendAsync(_server.BaseAddress);
        Assert.True(answer.Status == 413, $"answered {answer.Status} after {answer.Sent:N0} bytes: {answer.Head}\n{answer.Body}");
        Assert.Contains("\"status\":413", answer.Body, StringComparison.Ordinal);
        // The server stopped reading at the limit: what was sent before its answer is bounded by the
        // limit plus what the connection's buffers hold, far below the 20 MB.
        Assert.True(answer.Sent < 10L * 1024 * 1024, $"{answer.Sent:N0} bytes were sent before the server answered");
    }

    [Fact]
    public async Task An_import_upload_by_nobody_is_refused_and_its_body_is_never_read()
    {
        await _server.StartAsync();
        var boundary = "sbunsigned";
        var head = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        var upload = new RawRequest("POST", "/api/v1/users/import", $"multipart/form-data; boundary={boundary}", head, BodyBytes)
        {
            Suffix = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n"), SendAll = true,
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var answer = await upload.SendAsync(_server.BaseAddress, cts.Token);
        Assert.True(answer.Status is 401 or 413, $"answered {answer.Status}: {answer.Head}");
        // The server answers and closes the connection instead of reading (even to discard) the
        // 95 MB it will not take: the client cannot send them all.
        Assert.True(answer.Sent < BodyBytes, $"the server read all {answer.Sent:N0} bytes of an upload nobody signed in sent");
    }
}
