using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Imports;

public sealed class IndexModel(Tenant tenant) : PageModel
{
    public List<ImportJob> Jobs { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!tenant.Caller.CanSeeImports) return Redirect("/me"); // a PBX user's start page
        Jobs = tenant.Imports.AsNoTracking().OrderByDescending(j => j.Id).Take(200).ToList();
        return Page();
    }
}
