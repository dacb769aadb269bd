using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>Rename or delete one reseller (platform administrator), with the API's own commands.</summary>
public sealed class ResellerEditModel(Tenant tenant) : PageModel
{
    public int Id { get; private set; }
    public string CurrentName { get; private set; } = "";
    public int Clients { get; private set; }
    [BindProperty] public string? Name { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageResellers) return Redirect("/");
        if (!await LoadAsync(id, ct)) return NotFound();
        Name = CurrentName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] UpdateReseller update, CancellationToken ct)
    {
        var result = await update.RunAsync(id, Name, "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/resellers");
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Errors = new FieldErrors(result.Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteReseller delete, CancellationToken ct) =>
        this.AfterDelete(await delete.RunAsync(id, "page", ct), "/resellers", id);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        var r = await tenant.Resellers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return false;
        CurrentName = r.Name;
        Clients = await tenant.Clients.CountAsync(c => c.ResellerId == id, ct);
        return true;
    }
}
