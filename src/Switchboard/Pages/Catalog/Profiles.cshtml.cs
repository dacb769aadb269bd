using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Catalog;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>The client's user profiles (client administrators add, rename and delete them).</summary>
public sealed class ProfilesModel(Tenant tenant) : PageModel
{
    public Caller Caller => tenant.Caller;
    public List<UserProfile> Profiles { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    /// <summary>The add form's name as typed, kept after a refusal.</summary>
    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAdministration) return Redirect("/me");
        Profiles = await tenant.Profiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        return Page();
    }

    /// <summary>Adds a profile to the caller's own client (the page has no client picker: the platform administrator uses the API).</summary>
    public async Task<IActionResult> OnPostAsync(string? name, [FromServices] CreateProfile create, CancellationToken ct)
    {
        if (Caller.ClientId is null) return Forbid();
        var result = await create.RunAsync(Caller.ClientId, name, "page", ct);
        if (result.Outcome is EditOutcome.NotOwned or EditOutcome.NotFound) return Forbid();
        if (result.Outcome != EditOutcome.Saved)
        {
            (Name, Errors) = (name?.Trim(), new FieldErrors(result.Errors));
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = result.Message;
        return Redirect("/profiles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteProfile delete, CancellationToken ct)
    {
        var result = await delete.RunAsync(id, "page", ct);
        if (result.Outcome == DeleteOutcome.NotFound) return NotFound();
        if (result.Outcome == DeleteOutcome.NotOwned) return Forbid();
        TempData[result.Outcome == DeleteOutcome.Deleted ? "Flash" : "FlashError"] = result.Message;
        return Redirect("/profiles");
    }
}
