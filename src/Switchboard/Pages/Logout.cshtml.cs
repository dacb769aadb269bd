using Switchboard.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Switchboard.Web.Pages;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutPortalAsync(); // this session ends for good, on every instance
        TempData["Flash"] = "You are signed out.";
        return Redirect("/login");
    }
}
