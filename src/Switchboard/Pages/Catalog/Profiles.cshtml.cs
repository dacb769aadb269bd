using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>The client's user profiles (client administrators manage them).</summary>
public sealed class ProfilesModel(Tenant tenant, SwitchboardDb db) : PageModel
{
    public Caller Caller => tenant.Caller;
    public List<UserProfile> Profiles { get; private set; } = [];
    public string? Error { get; private set; }

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
        if (string.IsNullOrEmpty(name)) Error = "Enter a name for the profile.";
        else if (await db.UserProfiles.AnyAsync(p => p.ClientId == Caller.ClientId && p.Name == name, ct)) Error = $"A profile named \"{name}\" already exists.";
        if (Error is not null) return await OnGetAsync(ct);
        var profile = new UserProfile { ClientId = Caller.ClientId!.Value, Name = name! };
        db.UserProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(Caller.Id, Caller.Email, "page", profile.ClientId, "profile.create", "profile", profile.Id, name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Profile \"{name}\" was added with ID {profile.Id}.";
        return Redirect("/profiles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] Switchboard.Core.Catalog.DeleteProfile delete, CancellationToken ct)
    {
        if (!Caller.IsClient) return Forbid();
        var result = await delete.RunAsync(id, "page", ct);
        if (result.Outcome == Switchboard.Core.Catalog.DeleteOutcome.NotFound) return NotFound();
        TempData["Flash"] = result.Message;
        return Redirect("/profiles");
    }
}
