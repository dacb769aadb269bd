using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>
/// A template the caller can see (its own, or a system or reseller one it may use) rendered for one of its
/// users with the API's own preview: the phone secret masked, another tenant's template or user a 404.
/// </summary>
public sealed class TemplatePreviewModel(Tenant tenant, SwitchboardDb db, ProvisioningTemplates liquid) : PageModel
{
    public ProvisioningTemplate Template { get; private set; } = null!;
    public bool Mine { get; private set; }
    /// <summary>Why saving would refuse the stored body now; null when it is fine.</summary>
    public string? Problem { get; private set; }
    public PreviewPicker Picker { get; private set; } = PreviewPicker.Empty;
    public PreviewResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? userId, [FromServices] PreviewTemplate preview, [FromServices] IConfiguration config, CancellationToken ct)
    {
        if (!tenant.Caller.CanSeeAdministration) return Redirect("/me");
        var t = await tenant.Templates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return NotFound();
        (Template, Mine, Problem) = (t, tenant.Owns(t), liquid.Parsed(t.Id, t.Body).Problem);
        if (userId is { } uid)
        {
            Result = await preview.RunAsync(id, uid, ProvisioningValues.PublicUrl(config, Request), ct);
            if (Result.Outcome == PreviewOutcome.UserNotFound) return NotFound();
        }
        Picker = await PreviewPicker.LoadAsync(tenant, db, id, userId, ct);
        return Page();
    }
}
