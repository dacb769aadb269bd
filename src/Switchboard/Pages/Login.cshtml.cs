using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Switchboard.Core.Accounts;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Pages;

public sealed class LoginModel(CheckCredentials check) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await check.RunAsync(Email, Password, HttpContext.Connection.RemoteIpAddress, ct);
        if (result.Caller is not { } caller)
        {
            Error = result.Outcome == SignInOutcome.TooManyFailures ? result.TooManyMessage : SignInAttempt.RefusedMessage;
            if (result.Outcome == SignInOutcome.TooManyFailures) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            CallerClaims.ToPrincipal(caller, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
