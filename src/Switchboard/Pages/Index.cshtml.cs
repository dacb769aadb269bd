using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages;

/// <summary>Each role starts where its work is.</summary>
public sealed class IndexModel(Caller caller) : PageModel
{
    public IActionResult OnGet() => Redirect(caller.CanUseSelfService ? "/me" : "/users");
}
