using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Import;

namespace Switchboard.Web.Api;

/// <summary>
/// Reads the "file" field of a multipart upload as a stream, refusing it as soon as it goes over
/// the size or the row limit, so a file too big is never read whole. What arrives is written to a
/// temporary file, not gathered in memory: a 256 MB upload grows the server only once it has
/// passed both limits, and then by the file's size once (a growing memory buffer would hold up to
/// twice that, and a third copy to hand it on).
/// </summary>
public static class UploadedFile
{
    public sealed record Result(string? FileName, byte[]? Bytes, IResult? Refusal);

    public static async Task<Result> ReadAsync(HttpRequest request, CsvLimits limits, CancellationToken ct)
    {
        if (request.ContentLength > limits.MaxFileBytes + Hosting.BodyLimits.UploadSlack)
            return Refused(TooLarge(SpreadsheetFileReader.TooLarge(limits)));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Refused(Problems.BadRequest("Send the file as multipart/form-data in a field named \"file\"."));
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition() || disposition.Name.Value?.Trim('"') != "file") continue;
                var name = (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"');
                return await ReadFileAsync(section.Body, NameOf(name), limits, ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(TooLarge(SpreadsheetFileReader.TooLarge(limits)));
        }
        catch (IOException)
        {
            return Refused(Problems.BadRequest("The upload could not be read as multipart/form-data."));
        }
        return Refused(Problems.BadRequest("Send the CSV file in a multipart field named \"file\"."));
    }

    private static async Task<Result> ReadFileAsync(Stream body, string? name, CsvLimits limits, CancellationToken ct)
    {
        var counter = new UploadRowCounter(limits.MaxRows);
        // Only the server's own user may read it (it holds the file's secrets in clear, like the upload
        // itself), and it is deleted when closed.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stored = new FileStream(Path.Combine(Path.GetTempPath(), $"switchboard-upload-{Guid.NewGuid():N}.csv"), options);
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (stored.Length + n > limits.MaxFileBytes) return Refused(TooLarge(SpreadsheetFileReader.TooLarge(limits)));
            if (!counter.Feed(buffer.AsSpan(0, n))) return Refused(TooLarge(UploadRowCounter.TooManyRows(limits)));
            await stored.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        if (!counter.Complete()) return Refused(TooLarge(UploadRowCounter.TooManyRows(limits)));
        var bytes = new byte[stored.Length];
        stored.Position = 0;
        await stored.ReadExactlyAsync(bytes, ct);
        return new Result(name, bytes, null);
    }

    /// <summary>The longest file name kept (the usual file system limit); a longer one is cut, never refused.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The name an upload is kept under: its last path part, cut to <see cref="MaxNameLength"/> characters (never mid-character).</summary>
    public static string? NameOf(string? sent)
    {
        if (string.IsNullOrWhiteSpace(sent)) return null;
        var name = Path.GetFileName(sent.Replace('\\', '/'));
        if (name.Length <= MaxNameLength) return name;
        var cut = MaxNameLength;
        if (char.IsHighSurrogate(name[cut - 1])) cut--;
        return name[..cut];
    }

    private static Result Refused(IResult refusal) => new(null, null, refusal);

    private static IResult TooLarge(string detail) => Results.Problem(statusCode: 413, title: "File too large", detail: detail);
}
