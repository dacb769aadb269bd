namespace Switchboard.Core.Commands;

public enum EditOutcome { Saved, NotFound, NotOwned, Invalid, Conflict }

/// <summary>
/// What an edit did. <see cref="Errors"/> holds messages by field (the camelCase name the API and the
/// forms both use), for <see cref="EditOutcome.Invalid"/> and <see cref="EditOutcome.Conflict"/>, so a page
/// shows each beside its field and the API answers them as problem details.
/// </summary>
public sealed record EditResult<T>(EditOutcome Outcome, T? Item, string Message, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    private static readonly Dictionary<string, string[]> None = [];

    public static EditResult<T> Saved(T item, string message) => new(EditOutcome.Saved, item, message, None);
    public static EditResult<T> NotFound(string message) => new(EditOutcome.NotFound, null, message, None);
    public static EditResult<T> NotOwned(string message) => new(EditOutcome.NotOwned, null, message, None);
    public static EditResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(EditOutcome.Invalid, null, "Some values are not valid; see errors.", errors);
    public static EditResult<T> Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static EditResult<T> Conflict(string field, string message) =>
        new(EditOutcome.Conflict, null, message, new Dictionary<string, string[]> { [field] = [message] });
}
