using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>Rename or delete a phone model (platform administrator), with the API's own commands.</summary>
public sealed class PhoneModelEditModel(Caller caller, SwitchboardDb db) : PageModel
{
    public int Id { get; private set; }
    public string Current { get; private set; } = "";
    public int Templates { get; private set; }
    public int Users { get; private set; }
    [BindProperty] public string? Vendor { get; set; }
    [BindProperty] public string? Model { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!caller.CanManagePhoneModels) return Redirect("/phone-models");
        var m = await LoadAsync(id, ct);
        if (m is null) return NotFound();
        (Vendor, Model) = (m.Vendor, m.Model);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] UpdatePhoneModel update, CancellationToken ct)
    {
        var result = await update.RunAsync(id, new PhoneModelFields(Vendor ?? "", Model ?? ""), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/phone-models");
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
        }
        if (await LoadAsync(id, ct) is null) return NotFound();
        Errors = new FieldErrors(result.Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeletePhoneModel delete, CancellationToken ct) =>
        this.AfterDelete(await delete.RunAsync(id, "page", ct), "/phone-models", id);

    private async Task<PhoneModel?> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        var m = await db.PhoneModels.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        Current = $"{m.Vendor} {m.Model}";
        Templates = await db.ProvisioningTemplates.CountAsync(t => t.PhoneModelId == id, ct);
        Users = await db.Users.CountAsync(u => u.PhoneModelId == id, ct);
        return m;
    }
}
