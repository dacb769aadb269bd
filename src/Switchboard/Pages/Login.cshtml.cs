using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Pages;

public sealed class LoginModel(SwitchboardDb db, Passwords passwords) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var normalized = EmailValue.Normalize(Email ?? "");
        var signIn = await db.SignIns.AsNoTracking().FirstOrDefaultAsync(s => s.NormalizedEmail == normalized, ct);
        if (signIn is null || string.IsNullOrEmpty(Password) || !passwords.Verify(signIn.PasswordHash, Password))
        {
            // One answer for an unknown email and a wrong password.
            Error = "The email or password is not correct.";
            return Page();
        }
        var caller = new Caller(signIn.Id, signIn.Email, signIn.Role, signIn.ResellerId, signIn.ClientId);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            CallerClaims.ToPrincipal(caller, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
