using System.Text;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.Process;

/// <summary>
/// On a real server (Kestrel; the in-memory test server buffers request bodies): an upload is
/// written to a temporary file as it arrives, not gathered in memory, so the 256 MB a file may have
/// never sit in the server's memory while they arrive. Measured while the body is still being sent.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class UploadsAreWrittenToDiskAsTheyArrive : IDisposable
{
    private const int SentMegabytes = 160;
    private const int MostGrowthMegabytes = 48;

    private readonly ServerProcess _server = new();

    // The rows of 160 MB pass the default row limit; this test is about bytes, not rows.
    public UploadsAreWrittenToDiskAsTheyArrive(ITestOutputHelper output)
    {
        _output = output;
        _server.Environment["Import__MaxRows"] = "10000000";
    }

    private readonly ITestOutputHelper _output;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task The_server_does_not_grow_with_the_bytes_of_an_upload_in_progress()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Stream reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Stream client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"stream-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = client });
        var http = await _server.SignInAsync(email, SwitchboardApp.AdminPass);

        // One megabyte of rows, sent again and again.
        var rows = new StringBuilder();
        for (var i = 0; rows.Length < 1024 * 1024; i++)
            rows.Append(FormattableString.Invariant($",Streamed,Row{i},streamed{i}-{tag}@example.test,,,,{10_000 + i % 80_000},{new string('d', 60)},,,,,,,,,\r\n"));
        var megabyte = Encoding.UTF8.GetBytes(rows.ToString());

        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var boundary = "sb" + tag;
        await Write(stream, $"POST /api/v1/users/import HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\n" +
                            $"Authorization: {http.DefaultRequestHeaders.Authorization}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n" +
                            "Transfer-Encoding: chunked\r\n\r\n");
        await WriteChunk(stream, Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n" +
                                                        $"Content-Type: text/csv\r\n\r\n{string.Join(",", Csv.Headers)}\r\n"));
        // Warm up (buffers, the first request's code paths), then measure from a fresh peak.
        for (var i = 0; i < 8; i++) await WriteChunk(stream, megabyte);
        await Task.Delay(500);
        _server.ResetPeak();
        var before = _server.PeakMegabytes();
        for (var i = 0; i < SentMegabytes; i++) await WriteChunk(stream, megabyte);
        await stream.FlushAsync();
        await Task.Delay(500); // the server reads what is in flight
        var growth = _server.PeakMegabytes() - before;
        _output.WriteLine($"peak {before} MB before, grew by {growth} MB while {SentMegabytes} MB arrived");

        Assert.True(growth < MostGrowthMegabytes,
            $"the server's peak memory grew by {growth} MB while {SentMegabytes} MB of an upload arrived (from {before} MB)");
        tcp.Close(); // the upload never ends: no job
        Assert.Equal(0, (await http.GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
        Assert.True(_server.IsRunning);
    }

    private static Task Write(Stream s, string text) => s.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    private static async Task WriteChunk(Stream s, byte[] bytes)
    {
        await Write(s, $"{bytes.Length:X}\r\n");
        await s.WriteAsync(bytes);
        await Write(s, "\r\n");
    }
}
