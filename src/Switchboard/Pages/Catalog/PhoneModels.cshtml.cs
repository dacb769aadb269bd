using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Catalog;

public sealed class PhoneModelsModel(Caller caller, SwitchboardDb db) : PageModel
{
    public Caller Caller => caller;
    public List<PhoneModel> Models { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!caller.IsAdministrator) return Redirect("/me");
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ThenBy(m => m.Model).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? vendor, string? model, CancellationToken ct)
    {
        if (!caller.IsAdmin) return Forbid();
        vendor = vendor?.Trim();
        model = model?.Trim();
        if (string.IsNullOrEmpty(vendor) || string.IsNullOrEmpty(model)) Error = "Enter the vendor and the model.";
        else if (await db.PhoneModels.AnyAsync(m => m.Vendor == vendor && m.Model == model, ct)) Error = $"{vendor} {model} is already in the catalog.";
        if (Error is not null) return await OnGetAsync(ct);
        var added = new PhoneModel { Vendor = vendor!, Model = model! };
        db.PhoneModels.Add(added);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"{vendor} {model} was added with ID {added.Id}.";
        return Redirect("/phone-models");
    }
}
