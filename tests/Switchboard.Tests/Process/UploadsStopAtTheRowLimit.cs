using System.Net;
using System.Text;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

/// <summary>
/// On a real server (Kestrel, not the in-memory test server, which buffers request bodies): an
/// upload whose body never ends is answered 413 once its rows pass the limit, so a file over the
/// limit is never read whole.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class UploadsStopAtTheRowLimit : IDisposable
{
    private readonly ServerProcess _server = new();

    public UploadsStopAtTheRowLimit() => _server.Environment["Import__MaxRows"] = "100";

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_endless_upload_is_refused_when_it_passes_the_row_limit()
    {
        await _server.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Limit reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Limit client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"limit-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = client });
        var http = await _server.SignInAsync(email, SwitchboardApp.AdminPass);

        // A raw HTTP/1.1 request whose chunked body never ends: only a server that stops reading at the
        // limit can answer. (HttpClient would give up on the reset connection before reading the answer.)
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var boundary = "sb" + tag;
        await Write(stream, $"POST /api/v1/users/import HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\n" +
                            $"Authorization: {http.DefaultRequestHeaders.Authorization}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n" +
                            "Transfer-Encoding: chunked\r\n\r\n");
        await WriteChunk(stream, $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n" +
                                 $"Content-Type: text/csv\r\n\r\n{string.Join(",", Csv.Headers)}\r\n");
        var answer = ReadStatusLineAsync(stream);
        long sent = 0;
        for (var row = 0; !answer.IsCompleted && sent < 50_000_000; row += 20)
        {
            var rows = string.Concat(Enumerable.Range(row, 20).Select(i => $",Endless,Row{i},endless{i}-{tag}@example.test,,,,{10_000 + i}\r\n"));
            try
            {
                sent += await WriteChunk(stream, rows);
            }
            catch (IOException)
            {
                break; // the server closed the connection after answering
            }
            await Task.Delay(1);
        }
        var status = await answer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        Assert.True(sent < 1_000_000, $"{sent:N0} bytes were sent before the server answered");
        Assert.Equal(0, (await http.GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
    }

    private static Task Write(Stream s, string text) => s.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    private static async Task<int> WriteChunk(Stream s, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await Write(s, $"{bytes.Length:X}\r\n");
        await s.WriteAsync(bytes);
        await Write(s, "\r\n");
        return bytes.Length;
    }

    private static async Task<string> ReadStatusLineAsync(Stream s)
    {
        var line = new StringBuilder();
        var b = new byte[1];
        while (await s.ReadAsync(b) == 1 && b[0] != (byte)'\n') line.Append((char)b[0]);
        return line.ToString().TrimEnd('\r');
    }
}
