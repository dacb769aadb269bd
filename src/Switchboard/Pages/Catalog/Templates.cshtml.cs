using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Catalog;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>Provisioning templates the caller can see; those its own scope owns can be added, edited and deleted here.</summary>
public sealed class TemplatesModel(Tenant tenant, SwitchboardDb db, ProvisioningTemplates liquid) : PageModel
{
    /// <summary><paramref name="Problem"/>: why saving would refuse this stored body now (it was stored before the rule); null when it is fine.</summary>
    public sealed record Row(ProvisioningTemplate Template, string Owner, string PhoneModel, int Users, bool Mine, string? Problem);

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public List<PhoneModel> Models { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    /// <summary>The add form's values: as typed after a refusal, else a starting body.</summary>
    public string? Name { get; private set; }
    public int? PhoneModelId { get; private set; }
    public string? Body { get; private set; } = "account.1.user_name = {{extension}}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Caller.CanSeeAdministration) return Redirect("/me");
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ToListAsync(ct);
        var names = Models.ToDictionary(m => m.Id, m => $"{m.Vendor} {m.Model}");
        var templates = await tenant.Templates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        var ids = templates.Select(t => t.Id).ToList();
        // Only the caller's own users: how many of another tenant's users a shared template serves is theirs to know.
        var users = await tenant.Users.Where(u => u.ProvisioningTemplateId != null && ids.Contains(u.ProvisioningTemplateId.Value))
            .GroupBy(u => u.ProvisioningTemplateId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = templates.Select(t => new Row(t, t.ClientId != null ? "Client" : t.ResellerId != null ? "Reseller" : "System",
            names.GetValueOrDefault(t.PhoneModelId, $"ID {t.PhoneModelId}"), users.GetValueOrDefault(t.Id), tenant.Owns(t),
            liquid.Parsed(t.Id, t.Body).Problem)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, int? phoneModelId, string? body, [FromServices] CreateTemplate create, CancellationToken ct)
    {
        var result = await create.RunAsync(new TemplateFields(name, phoneModelId, body), "page", ct);
        if (result.Outcome == EditOutcome.NotOwned) return Forbid();
        if (result.Outcome != EditOutcome.Saved)
        {
            Errors = new FieldErrors(result.Errors);
            (Name, PhoneModelId, Body) = (name, phoneModelId, body);
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = result.Message;
        return Redirect("/templates");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteTemplate delete, CancellationToken ct)
    {
        var result = await delete.RunAsync(id, "page", ct);
        // As on the edit page: a template this scope does not own answers like one that does not exist.
        if (result.Outcome is DeleteOutcome.NotFound or DeleteOutcome.NotOwned) return NotFound();
        TempData[result.Outcome == DeleteOutcome.Deleted ? "Flash" : "FlashError"] = result.Message;
        return Redirect("/templates");
    }
}
