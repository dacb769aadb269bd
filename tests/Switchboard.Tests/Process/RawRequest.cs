using System.Net.Sockets;
using System.Text;

namespace Switchboard.Tests.Process;

/// <summary>
/// One HTTP/1.1 request written by hand on its own connection, so a test controls how much of a body
/// is sent and reads the answer while still sending (HttpClient would give up on a connection the
/// server closes after answering, before reading the answer). The body is <see cref="Prefix"/>, filler
/// bytes, then <see cref="Suffix"/>, <see cref="Length"/> bytes in all, sent with a Content-Length, or
/// chunked without one. It stops sending once the server answers, unless <see cref="SendAll"/>: then
/// it goes on until the whole body is sent or the server closes the connection.
/// </summary>
public sealed record RawRequest(string Method, string Path, string ContentType, byte[] Prefix, long Length, bool Chunked = false,
    string? Authorization = null, string? Cookie = null)
{
    public byte[] Suffix { get; init; } = [];
    public bool SendAll { get; init; }

    /// <summary>What the server answered, and how many body bytes were sent before it did (or closed the connection).</summary>
    public sealed record Answer(int Status, string Head, string Body, long Sent);

    public async Task<Answer> SendAsync(Uri server, CancellationToken ct = default)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"{Method} {Path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {ContentType}\r\n");
        head.Append(Chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {Length}\r\n");
        if (Authorization is not null) head.Append($"Authorization: {Authorization}\r\n");
        if (Cookie is not null) head.Append($"Cookie: {Cookie}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);

        var answer = ReadAnswerAsync(stream, ct);
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)'a');
        var fillerEnd = Length - Suffix.Length;
        long sent = 0;
        try
        {
            while (sent < Length && (SendAll || !answer.IsCompleted))
            {
                var piece = sent < Prefix.Length ? Prefix.AsMemory((int)sent)
                    : sent >= fillerEnd ? Suffix.AsMemory((int)(sent - fillerEnd))
                    : block.AsMemory(0, (int)Math.Min(block.Length, fillerEnd - sent));
                if (Chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:X}\r\n"), ct);
                await stream.WriteAsync(piece, ct);
                if (Chunked) await stream.WriteAsync("\r\n"u8.ToArray(), ct);
                sent += piece.Length;
            }
            if (Chunked && (SendAll || !answer.IsCompleted)) await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        }
        catch (IOException)
        {
            // The server closed the connection after answering: the answer is read below.
        }
        var (status, text, body) = await answer.WaitAsync(TimeSpan.FromMinutes(3), ct);
        return new Answer(status, text, body, sent);
    }

    /// <summary>The status, head and body (by Content-Length) of the answer; status 0 when the connection closed without one.</summary>
    private static async Task<(int, string, string)> ReadAnswerAsync(Stream s, CancellationToken ct)
    {
        await Task.Yield();
        var bytes = new List<byte>();
        var buffer = new byte[4096];
        int end;
        while ((end = IndexOfHeadEnd(bytes)) < 0)
        {
            int n;
            try { n = await s.ReadAsync(buffer, ct); }
            catch (IOException) { n = 0; }
            if (n == 0) return (0, Encoding.ASCII.GetString(bytes.ToArray()), "");
            bytes.AddRange(buffer.AsSpan(0, n));
        }
        var head = Encoding.ASCII.GetString(bytes.GetRange(0, end).ToArray());
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var fields = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var chunked = fields["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var length = fields["Content-Length"].Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = bytes.Skip(end + 4).ToList();
        while (chunked ? !EndsWith(body, "0\r\n\r\n"u8) : body.Count < length)
        {
            int n;
            try { n = await s.ReadAsync(buffer, ct); }
            catch (IOException) { n = 0; }
            if (n == 0) break;
            body.AddRange(buffer.AsSpan(0, n));
        }
        return (status, head, Encoding.UTF8.GetString(chunked ? Dechunk(body.ToArray()) : body.ToArray()));
    }

    private static bool EndsWith(List<byte> b, ReadOnlySpan<byte> tail) => b.Count >= tail.Length && b.Skip(b.Count - tail.Length).SequenceEqual(tail.ToArray());

    private static byte[] Dechunk(byte[] b)
    {
        var result = new List<byte>();
        var i = 0;
        while (i < b.Length)
        {
            var eol = Array.IndexOf(b, (byte)'\n', i);
            if (eol < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(b, i, eol - i).Trim().Split(';')[0], 16);
            if (size == 0) break;
            result.AddRange(b.AsSpan(eol + 1, Math.Min(size, b.Length - eol - 1)));
            i = eol + 1 + size + 2;
        }
        return result.ToArray();
    }

    private static int IndexOfHeadEnd(List<byte> b)
    {
        for (var i = 0; i + 3 < b.Count; i++)
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        return -1;
    }
}
