using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Switchboard.Web.Pages;

/// <summary>
/// What a person in a browser sees for an error status (the API keeps its problem details). Reached by
/// re-execution with the original request's method, so it answers any method, signed in or not, and
/// skips the antiforgery check a refused POST would fail again.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Advice { get; private set; } = "";

    // The code is read from the route, not bound: binding would read the form of a refused POST, which
    // may be the body too large to read.
    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 404;
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        (Heading, Advice) = Code switch
        {
            404 => ("Not found", "There is nothing at this address, or it is not yours to see. Check the link, or start again from your start page."),
            400 => ("That request could not be used", "The page may have been open for a long time. Go back, reload the page and try again."),
            403 => ("Not allowed", "Your account may not do this. Sign in with an account that may, or start again from your start page."),
            413 => ("Too large", "A form takes up to 1 MB, and the import takes files up to its size limit. Shorten what you entered, or split the file into smaller ones and import each."),
            _ => ("Something went wrong", "Try again in a moment. If it keeps happening, tell your administrator what you were doing."),
        };
    }
}
