using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
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
        if (!caller.CanSeeAdministration) return Redirect("/me");
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ThenBy(m => m.Model).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? vendor, string? model, [FromServices] CreatePhoneModel create, CancellationToken ct)
    {
        var result = await create.RunAsync(new PhoneModelFields(vendor ?? "", model ?? ""), "page", ct);
        if (result.Outcome == EditOutcome.NotOwned) return Forbid();
        if (result.Outcome != EditOutcome.Saved)
        {
            Error = result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values.SelectMany(m => m)) : result.Message;
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = result.Message;
        return Redirect("/phone-models");
    }
}
