using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>Provisioning templates the caller can see; those its own scope owns can be added and deleted here.</summary>
public sealed class TemplatesModel(Tenant tenant, SwitchboardDb db) : PageModel
{
    public sealed record Row(ProvisioningTemplate Template, string Owner, string PhoneModel, int Users, bool Mine);

    public List<Row> Rows { get; private set; } = [];
    public List<PhoneModel> Models { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Caller.IsAdministrator) return Redirect("/me");
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ToListAsync(ct);
        var names = Models.ToDictionary(m => m.Id, m => $"{m.Vendor} {m.Model}");
        var templates = await tenant.Templates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        var ids = templates.Select(t => t.Id).ToList();
        var users = await db.Users.Where(u => u.ProvisioningTemplateId != null && ids.Contains(u.ProvisioningTemplateId.Value))
            .GroupBy(u => u.ProvisioningTemplateId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = templates.Select(t => new Row(t, t.ClientId != null ? "Client" : t.ResellerId != null ? "Reseller" : "System",
            names.GetValueOrDefault(t.PhoneModelId, $"ID {t.PhoneModelId}"), users.GetValueOrDefault(t.Id), tenant.Owns(t))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, int? phoneModelId, string? body, CancellationToken ct)
    {
        if (!tenant.Caller.IsAdministrator) return Forbid();
        if (string.IsNullOrWhiteSpace(name) || phoneModelId is null || !await db.PhoneModels.AnyAsync(m => m.Id == phoneModelId, ct))
        {
            Error = "Enter a name and pick the phone model the template is for.";
            return await OnGetAsync(ct);
        }
        var t = new ProvisioningTemplate
        {
            Name = name.Trim(), PhoneModelId = phoneModelId.Value, Body = body ?? "",
            ResellerId = tenant.Caller.IsReseller ? tenant.Caller.ResellerId : null,
            ClientId = tenant.Caller.IsClient ? tenant.Caller.ClientId : null,
        };
        db.ProvisioningTemplates.Add(t);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller.Id, tenant.Caller.Email, "page", t.ClientId, "template.create", "template", t.Id, t.Name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Template \"{t.Name}\" was added with ID {t.Id}.";
        return Redirect("/templates");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] Switchboard.Core.Catalog.DeleteTemplate delete, CancellationToken ct)
    {
        var result = await delete.RunAsync(id, "page", ct);
        if (result.Outcome == Switchboard.Core.Catalog.DeleteOutcome.NotFound) return NotFound();
        TempData["Flash"] = result.Message;
        return Redirect("/templates");
    }
}
