using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Switchboard.Web.Api;

/// <summary>RFC 9457 problem answers used across the API, worded for the person reading them.</summary>
public static class Problems
{
    public static NotFoundProblem NotFound(string what) => new($"{what} was not found.");

    public static ForbiddenProblem Forbidden(string detail) => new(detail);

    public static BadRequestProblem BadRequest(string detail) => new(detail);

    public static ConflictProblem Conflict(string detail) => new(detail);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "Some values are not valid; see errors.");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// A problem answer whose status is in its type, so an endpoint that can return it declares that
/// status (with the problem details schema) in the OpenAPI document by its signature alone.
/// </summary>
public abstract class Problem(int status, string title, string detail) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;
    int? IStatusCodeHttpResult.StatusCode => status;
    public string Title => title;
    public string Detail => detail;

    public virtual Task ExecuteAsync(HttpContext http) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);

    protected static void Declare(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var s in statuses)
            builder.Metadata.Add(new ProducesResponseTypeMetadata(s, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

public sealed class BadRequestProblem(string detail) : Problem(400, "Bad request", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 400);
}

public sealed class UnauthorizedProblem(string title, string detail) : Problem(401, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 401);
}

public sealed class ForbiddenProblem(string detail) : Problem(403, "Forbidden", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 403);
}

public sealed class NotFoundProblem(string detail) : Problem(404, "Not found", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 404);
}

public sealed class ConflictProblem(string detail) : Problem(409, "Conflict", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 409);
}

/// <summary>Too many failed sign-ins: 429 with Retry-After.</summary>
public sealed class TooManyRequestsProblem(string detail, TimeSpan retryAfter)
    : Problem(429, "Too many failed sign-ins", detail), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return base.ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 429);
}

/// <summary>An upload refused as a whole: 400 (not a multipart file) or 413 (over a size or row limit).</summary>
public sealed class UploadRefusedProblem(IResult refusal) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http) => refusal.ExecuteAsync(http);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(400, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(413, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total);

public static class Paging
{
    public const int MaxPageSize = 500;

    /// <summary>The page size asked for, within 1..<see cref="MaxPageSize"/> (50 when not asked).</summary>
    public static int Size(int? pageSize) => Math.Clamp(pageSize ?? 50, 1, MaxPageSize);

    /// <summary>The page number asked for, from 1.</summary>
    public static int Number(int? page) => Math.Max(page ?? 1, 1);

    public static PageOf<T> Of<T>(IQueryable<T> query, int? page, int? pageSize)
    {
        var size = Size(pageSize);
        var p = Number(page);
        var total = query.Count();
        return new PageOf<T>(query.Skip((p - 1) * size).Take(size).ToList(), total);
    }
}
