using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Catalog;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>The client's user profiles (client administrators add, rename and delete them).</summary>
public sealed class ProfilesModel(Tenant tenant, SwitchboardDb db) : PageModel
{
    public Caller Caller => tenant.Caller;
    public List<UserProfile> Profiles { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    /// <summary>The add form's name as typed, kept after a refusal.</summary>
    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.IsAdministrator) return Redirect("/me");
        Profiles = await tenant.Profiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken ct)
    {
        if (!Caller.IsClient) return Forbid();
        name = name?.Trim();
        string? error = null;
        if (string.IsNullOrEmpty(name)) error = "Enter a name for the profile.";
        else if (await db.UserProfiles.AnyAsync(p => p.ClientId == Caller.ClientId && p.Name == name, ct)) error = $"A profile named \"{name}\" already exists.";
        if (error is not null)
        {
            (Name, Errors) = (name, new FieldErrors(new Dictionary<string, string[]> { ["name"] = [error] }));
            return await OnGetAsync(ct);
        }
        var profile = new UserProfile { ClientId = Caller.ClientId!.Value, Name = name! };
        db.UserProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(Caller, "page", profile.ClientId, "profile.create", "profile", profile.Id, name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Profile \"{name}\" was added with ID {profile.Id}.";
        return Redirect("/profiles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteProfile delete, CancellationToken ct)
    {
        if (!Caller.IsClient) return Forbid();
        var result = await delete.RunAsync(id, "page", ct);
        if (result.Outcome == DeleteOutcome.NotFound) return NotFound();
        TempData[result.Outcome == DeleteOutcome.Deleted ? "Flash" : "FlashError"] = result.Message;
        return Redirect("/profiles");
    }
}
