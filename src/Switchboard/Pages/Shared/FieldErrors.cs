using System.Net;
using Microsoft.AspNetCore.Html;

namespace Switchboard.Web.Pages.Shared;

/// <summary>
/// Messages by field (the camelCase names the Core actions and the API use), shown under each field
/// with an id the field's aria-describedby points at, so a screen reader reads the message with the field.
/// </summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static FieldErrors None { get; } = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    public string? DescribedBy(string field) => errors.ContainsKey(field) ? $"err-{field}" : null;

    public IHtmlContent For(string field) =>
        errors.TryGetValue(field, out var m)
            ? new HtmlString($"<p class=\"field-error\" id=\"err-{field}\">{WebUtility.HtmlEncode(string.Join(" ", m))}</p>")
            : HtmlString.Empty;
}
