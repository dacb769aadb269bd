using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Imports;

public sealed class IndexModel(Tenant tenant) : PageModel
{
    public List<ImportJob> Jobs { get; private set; } = [];
    /// <summary>The undo jobs that reverted imports of the list, by ID.</summary>
    public Dictionary<int, ImportJob> Undos { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!tenant.Caller.CanSeeImports) return Redirect("/me"); // a PBX user's start page
        Jobs = tenant.Imports.AsNoTracking().OrderByDescending(j => j.Id).Take(200).ToList();
        var undos = Jobs.Where(j => j.UndoneBy != null).Select(j => j.UndoneBy!.Value).ToList();
        Undos = tenant.Imports.AsNoTracking().Where(j => undos.Contains(j.Id)).ToDictionary(j => j.Id);
        return Page();
    }
}
