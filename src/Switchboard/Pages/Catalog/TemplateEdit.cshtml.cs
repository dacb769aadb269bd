using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>
/// Edit one provisioning template with the API's own action. A template the caller's scope does not own
/// answers 404 whether it is another tenant's or a visible system/reseller one, so no ID says more than "missing".
/// </summary>
public sealed class TemplateEditModel(Tenant tenant, SwitchboardDb db) : PageModel
{
    public int Id { get; private set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int? PhoneModelId { get; set; }
    [BindProperty] public string? Body { get; set; }
    public int Users { get; private set; }
    public List<PhoneModel> Models { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public PreviewPicker Picker { get; private set; } = PreviewPicker.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!tenant.Caller.CanSeeAdministration) return Redirect("/me");
        var t = await tenant.Templates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null || !tenant.Owns(t)) return NotFound();
        (Name, PhoneModelId, Body) = (t.Name, t.PhoneModelId, t.Body);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] UpdateTemplate update, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageTemplates) return Forbid();
        var result = await update.RunAsync(id, new TemplateFields(Name, PhoneModelId, Body), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/templates");
            case EditOutcome.NotFound or EditOutcome.NotOwned:
                return NotFound();
            default:
                Errors = new FieldErrors(result.Errors);
                await LoadAsync(id, ct);
                return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ThenBy(m => m.Model).ToListAsync(ct);
        Users = await db.Users.CountAsync(u => u.ProvisioningTemplateId == id, ct);
        Picker = await PreviewPicker.LoadAsync(tenant, db, id, null, ct);
    }
}
