using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>Renames one of the client's user profiles (client administrators only, like the rest of the profile pages).</summary>
public sealed class ProfileEditModel(Tenant tenant) : PageModel
{
    public int Id { get; private set; }
    public string CurrentName { get; private set; } = "";
    [BindProperty] public string? Name { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProfiles) return Redirect("/profiles");
        if (!await LoadAsync(id, ct)) return NotFound();
        Name = CurrentName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] RenameProfile rename, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProfiles) return Forbid();
        var result = await rename.RunAsync(id, Name, "page", ct);
        if (result.Outcome == EditOutcome.Saved)
        {
            TempData["Flash"] = result.Message;
            return Redirect("/profiles");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Errors = new FieldErrors(result.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        var name = await tenant.Profiles.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        CurrentName = name ?? "";
        return name is not null;
    }
}
