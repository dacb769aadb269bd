using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Cli;

/// <summary>
/// The REST API under /api/v1 of one server. Every way a request can fail becomes a
/// <see cref="CliError"/> with the exit code of the table and one line: the problem's detail.
/// </summary>
public sealed class Api : IDisposable
{
    private readonly HttpClient _http;

    public Uri Server { get; }

    public Api(Uri server, string? token)
    {
        Server = server;
        // No overall timeout: uploads and exports of large files take as long as they take; Ctrl-C ends a wait.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) })
        {
            BaseAddress = new Uri(server, "api/v1/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("switchboard-cli", typeof(Api).Assembly.GetName().Version?.ToString(3)));
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static Api SignedIn()
    {
        var (server, token) = Session.Current();
        return new Api(server, token);
    }

    public string Display => Server.ToString().TrimEnd('/');

    /// <summary>Sends and answers the response when it is a success; the body is read as it comes (exports stream).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new CliError(ExitCodes.ServerFailed, $"{Display} did not answer ({e.Message})");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ProblemAsync(response, ct);
        }
    }

    public async Task<(JsonObject Json, string Text)> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await ReadJsonAsync(response, ct);
    }

    public async Task<(JsonObject Json, string Text)> PostJsonAsync(string path, HttpContent? body, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body }, ct);
        return await ReadJsonAsync(response, ct);
    }

    /// <summary>Copies a response body to a stream; a connection lost on the way is the server's failure.</summary>
    public async Task CopyBodyAsync(HttpResponseMessage response, Stream to, CancellationToken ct)
    {
        try
        {
            await response.Content.CopyToAsync(to, ct);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException or HttpRequestException)
        {
            throw new CliError(ExitCodes.ServerFailed, $"the connection to {Display} broke off: {e.Message}");
        }
    }

    private async Task<(JsonObject, string)> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        try
        {
            if (JsonNode.Parse(text) is JsonObject json) return (json, text);
        }
        catch (JsonException)
        {
        }
        throw new CliError(ExitCodes.ServerFailed, $"{Display} answered {(int)response.StatusCode} with something other than JSON; is it a Switchboard server?");
    }

    private CliError Unreachable(HttpRequestException e)
    {
        var why = e.InnerException?.Message is { Length: > 0 } inner && !e.Message.Contains(inner, StringComparison.Ordinal) ? $"{e.Message} ({inner})" : e.Message;
        return new CliError(ExitCodes.ServerFailed, $"cannot reach {Display}: {why}");
    }

    /// <summary>The exit code for an answer that is not a success, and its problem's detail on one line.</summary>
    private async Task<CliError> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        string? body = null;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
        }
        var isSignIn = response.RequestMessage?.RequestUri?.AbsolutePath.EndsWith("/auth/token", StringComparison.Ordinal) == true;
        var detail = ProblemDetail(body);
        if (status == 401 && !isSignIn && detail is null or "Unauthorized") detail = $"{Display} refused the token (expired, or signed out).";
        detail ??= $"{Display} answered {status} {response.ReasonPhrase}".TrimEnd();
        var code = status switch
        {
            401 => ExitCodes.NotSignedIn,
            429 => ExitCodes.NotSignedIn, // too many failed sign-ins: still not signed in
            >= 500 => ExitCodes.ServerFailed,
            _ => ExitCodes.Refused,
        };
        var line = $"{detail} ({status})";
        if (status == 401 && !isSignIn) line += $"; sign in again: switchboard login --server {Display} --email EMAIL";
        return new CliError(code, OneLine(line));
    }

    /// <summary>The detail of an RFC 9457 problem, with the fields of a validation problem after it.</summary>
    private static string? ProblemDetail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        JsonObject? problem;
        try
        {
            problem = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        if (problem is null) return null;
        var detail = Str(problem["detail"]) ?? Str(problem["title"]);
        if (problem["errors"] is JsonObject errors && errors.Count > 0)
        {
            var fields = errors.Select(kv => $"{kv.Key}: {string.Join(" ", (kv.Value as JsonArray ?? []).Select(Str))}");
            detail = $"{detail} {string.Join("; ", fields)}".Trim();
        }
        return detail;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public void Dispose() => _http.Dispose();
}
