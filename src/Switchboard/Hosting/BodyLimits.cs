using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchboard.Core.Csv;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Hosting;

/// <summary>Marks an endpoint that takes an import upload: the one place a body may be larger than <c>Requests:MaxBodyBytes</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ImportUploadAttribute : Attribute;

public sealed class RequestLimits
{
    /// <summary>The largest body a request may have, except a client administrator's import upload.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
}

/// <summary>
/// How large a request body may be. Every JSON and form body is held to <c>Requests:MaxBodyBytes</c>
/// (1 MB): one over it is answered 413 before it is read — at once when its Content-Length says so,
/// and at the limit when it comes chunked — so nobody can make the server hold a large body. Only an
/// import upload (<see cref="ImportUploadAttribute"/>) by a caller who may import, known once the
/// caller is authenticated and authorized, takes the import's file limit; anyone else gets the small
/// limit, a 401 or a 403 before a byte of the body is read.
/// </summary>
public static class BodyLimits
{
    /// <summary>Room for the multipart framing around a file of the largest allowed size.</summary>
    public const long UploadSlack = 1024 * 1024;

    public static void AddSwitchboardBodyLimits(this WebApplicationBuilder builder, CsvLimits csv)
    {
        var limits = builder.Configuration.GetSection("Requests").Get<RequestLimits>() ?? new RequestLimits();
        if (limits.MaxBodyBytes <= 0) throw new InvalidOperationException("Requests:MaxBodyBytes must be a positive number of bytes.");
        builder.Services.AddSingleton(Options.Create(limits));
        // Every body starts under the small limit, also where this middleware never runs (a 401 before it);
        // Kestrel then closes a connection whose unread body is over it instead of reading it to throw it away.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = csv.MaxFileBytes + UploadSlack);
    }

    /// <summary>After authentication and authorization (the caller is known), before any endpoint reads a body.</summary>
    public static void UseSwitchboardBodyLimits(this WebApplication app)
    {
        var small = app.Services.GetRequiredService<IOptions<RequestLimits>>().Value.MaxBodyBytes;
        var csv = app.Services.GetRequiredService<IOptions<CsvLimits>>().Value;
        app.Use(async (http, next) =>
        {
            // The error page re-executed for a refused request: the limit is set, and the body stays unread.
            if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null) { await next(http); return; }
            var upload = http.GetEndpoint()?.Metadata.GetMetadata<ImportUploadAttribute>() is not null
                         && CallerClaims.FromPrincipal(http.User) is { CanImportUsers: true };
            var limit = upload ? csv.MaxFileBytes + UploadSlack : small;
            var message = upload ? SpreadsheetFileReader.TooLarge(csv) : TooLargeMessage(small);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            if (http.Request.ContentLength > limit) { await TooLarge(http, message); return; }

            // A body without a Content-Length (chunked) is cut off where it passes the limit, by Kestrel and by
            // this stream alike (the in-memory test server has no limit of its own). Whoever was reading it —
            // JSON binding, the antiforgery check, a form — the answer is then 413, not their 400 or 500.
            var body = new LimitedBody(http.Request.Body, limit);
            http.Request.Body = body;
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            {
                body.Passed = true;
            }
            if (body.Passed && !http.Response.HasStarted) await TooLarge(http, message);
        });
    }

    public static string TooLargeMessage(long limit) =>
        $"The request body is larger than {SpreadsheetFileReader.Size(limit)}, the most this server takes (a client administrator's users.csv upload excepted).";

    private static Task TooLarge(HttpContext http, string detail)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
            return Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large").ExecuteAsync(http);
        // A person in a browser gets the error page (status code pages re-execute it), which reads no body.
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Task.CompletedTask;
    }

    /// <summary>A body that refuses to be read past the limit (413), and remembers that someone tried.</summary>
    private sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public bool Passed { get; set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try { return Count(inner.Read(buffer, offset, count)); }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { Passed = true; throw; }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            try { return Count(await inner.ReadAsync(buffer, ct)); }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { Passed = true; throw; }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
