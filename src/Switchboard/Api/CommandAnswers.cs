using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;

namespace Switchboard.Web.Api;

/// <summary>A command's outcome as the API answers it: 200/201/204, or problem details (400 with errors by field, 403, 404, 409).</summary>
public static class CommandAnswers
{
    public static Results<Ok<TDto>, ValidationProblem, ProblemHttpResult> Ok<T, TDto>(EditResult<T> r, Func<T, TDto> dto) where T : class =>
        r.Outcome == EditOutcome.Saved ? TypedResults.Ok(dto(r.Item!)) : Refusal(r) is { } v ? v : ProblemOf(r);

    public static Results<Created<TDto>, ValidationProblem, ProblemHttpResult> Created<T, TDto>(EditResult<T> r, Func<T, TDto> dto, Func<TDto, string> location)
        where T : class
    {
        if (r.Outcome != EditOutcome.Saved) return Refusal(r) is { } v ? v : ProblemOf(r);
        var body = dto(r.Item!);
        return TypedResults.Created(location(body), body);
    }

    public static Results<NoContent, ProblemHttpResult> Deleted(DeleteResult r) => r.Outcome switch
    {
        DeleteOutcome.Deleted => TypedResults.NoContent(),
        DeleteOutcome.NotFound => Problem(404, "Not found", r.Message),
        DeleteOutcome.NotOwned => Problem(403, "Forbidden", r.Message),
        _ => Problem(409, "Conflict", r.Message),
    };

    /// <summary>400 with the messages by field, for an edit refused as invalid; null otherwise.</summary>
    private static ValidationProblem? Refusal<T>(EditResult<T> r) where T : class =>
        r.Outcome == EditOutcome.Invalid ? TypedResults.ValidationProblem(r.Errors.ToDictionary(), detail: "Some values are not valid; see errors.") : null;

    private static ProblemHttpResult ProblemOf<T>(EditResult<T> r) where T : class => r.Outcome switch
    {
        EditOutcome.NotFound => Problem(404, "Not found", r.Message),
        EditOutcome.NotOwned => Problem(403, "Forbidden", r.Message),
        _ => Problem(409, "Conflict", r.Message),
    };

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string what) => Problem(404, "Not found", $"{what} was not found.");

    public static ProblemHttpResult Forbidden(string detail) => Problem(403, "Forbidden", detail);

    /// <summary>Declares the problem answers a route may give, so the OpenAPI document lists them.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var s in statuses) route.ProducesProblem(s);
        return route;
    }
}
