using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Switchboard.Web.Api;

public enum JsonKind { String, Integer, Boolean, Other }

/// <summary>The JSON types a body's properties are declared with, and the words that name them in a 400.</summary>
public static class JsonKinds
{
    public static JsonKind Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return JsonKind.String;
        if (type == typeof(bool)) return JsonKind.Boolean;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return JsonKind.Integer;
        return JsonKind.Other;
    }

    /// <summary>Whether a value has the kind's JSON type (null always does: it empties an optional field).</summary>
    public static bool Matches(JsonNode? node, JsonKind kind) => node is null || (node is JsonValue v && kind switch
    {
        JsonKind.String => v.GetValueKind() == JsonValueKind.String,
        JsonKind.Boolean => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        JsonKind.Integer => v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out _),
        _ => true,
    });

    public static string Expected(JsonKind kind, bool nullable, JsonNode? got = null)
    {
        var want = kind switch
        {
            JsonKind.String => "a string",
            JsonKind.Integer => "an integer",
            JsonKind.Boolean => "true or false",
            _ => "another JSON type",
        };
        var gotText = got is null ? "" : $" (got {Name(got.GetValueKind())})";
        return $"Must be {want}{(nullable ? " or null" : "")}{gotText}.";
    }

    private static string Name(JsonValueKind k) => k switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

/// <summary>A request body that is not the JSON the endpoint's schema declares: answered 400 with an error per property.</summary>
public sealed class InvalidBodyException(IDictionary<string, string[]> errors)
    : Exception("The request body does not match the endpoint's schema.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

public static class JsonBody
{
    /// <summary>The body as a JSON object, property names matched regardless of case like every other body.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        JsonNode? node;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (Malformed(doc.RootElement, "$") is { } bad)
                throw new InvalidBodyException(new Dictionary<string, string[]> { [Property(bad.Path)] = [bad.Message] });
            node = JsonNode.Parse(doc.RootElement.GetRawText(), new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException e)
        {
            throw new InvalidBodyException(new Dictionary<string, string[]> { [Property(e.Path)] = [NotJson(e)] });
        }
        return node as JsonObject ?? throw new InvalidBodyException(new Dictionary<string, string[]> { [""] = ["Send a JSON object."] });
    }

    /// <summary>
    /// What the JSON parser lets through but the API cannot take: a property given twice (names match
    /// regardless of case, so "extension" and "Extension" are the same property), and text that is
    /// not valid Unicode (a lone surrogate escape, bytes that are not UTF-8).
    /// </summary>
    private static (string Path, string Message)? Malformed(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in e.EnumerateObject())
                {
                    if (!TryText(() => p.Name, out var name)) return (path, "A property name is not valid Unicode text.");
                    var at = path == "$" ? $"$.{name}" : $"{path}.{name}";
                    if (!seen.Add(name)) return (at, $"The property \"{name}\" is given more than once; give it once.");
                    if (Malformed(p.Value, at) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                    if (Malformed(item, $"{path}[{i++}]") is { } inner) return inner;
                return null;
            case JsonValueKind.String:
                return TryText(e.GetString, out _) ? null
                    : (path, "The value is not valid Unicode text (a lone surrogate or bytes that are not UTF-8).");
            default:
                return null;
        }
    }

    private static bool TryText(Func<string?> read, out string text)
    {
        try { text = read() ?? ""; return true; }
        catch (InvalidOperationException) { text = ""; return false; }
    }

    /// <summary>"$.email" to "email", "$" to "".</summary>
    public static string Property(string? path) => path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string NotJson(JsonException e) =>
        $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).";

    /// <summary>
    /// A bound JSON body that failed: the property it failed at, with the type the body's schema
    /// declares for it (a JsonException's message names .NET types, not the API's).
    /// </summary>
    public static Dictionary<string, string[]> ErrorsOf(JsonException e, Type? bodyType)
    {
        var name = Property(e.Path);
        var property = bodyType is null || name.Length == 0 || name.Contains('.') || name.Contains('[') ? null
            : bodyType.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var message = property is not null && JsonKinds.Of(property.PropertyType) is var kind && kind != JsonKind.Other
                && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? JsonKinds.Expected(kind, nullable: Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType)
            : name.Length == 0 && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) ? "Send a JSON object."
            : NotJson(e);
        return new Dictionary<string, string[]> { [name] = [message] };
    }
}

/// <summary>
/// Turns a request the API could not bind (a body of the wrong shape or JSON type, a query value that
/// is not a number) into a problem answer naming what was wrong, instead of an empty 400 (or a 500).
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The middleware has cleared the endpoint before calling handlers; its feature keeps it.
        var failed = http.Features.Get<IExceptionHandlerFeature>();
        if (failed?.Path is not { } path || !path.StartsWith("/api/", StringComparison.Ordinal) || http.Response.HasStarted) return false;
        IResult answer;
        switch (exception)
        {
            case InvalidBodyException e:
                answer = Problems.Invalid(e.Errors, "The request body does not match the schema; see errors.");
                break;
            case BadHttpRequestException { InnerException: JsonException json }:
                var bodyType = failed.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
                answer = Problems.Invalid(JsonBody.ErrorsOf(json, bodyType), "The request body does not match the schema; see errors.");
                break;
            case BadHttpRequestException e:
                answer = TypedResults.Problem(e.Message, statusCode: e.StatusCode,
                    title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request");
                break;
            default:
                return false;
        }
        await answer.ExecuteAsync(http);
        return true;
    }
}
