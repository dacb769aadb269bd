namespace Switchboard.Web.Api;

/// <summary>RFC 9457 problem answers used across the API, worded for the person reading them.</summary>
public static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: $"{what} was not found.");

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: 403, title: "Forbidden", detail: detail);

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: 400, title: "Bad request", detail: detail);

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: 409, title: "Conflict", detail: detail);

    public static IResult Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail ?? "Some values are not valid; see errors.");

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
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
