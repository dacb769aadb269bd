using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>Resellers and their administrators: the platform administrator's page.</summary>
public sealed class ResellersModel(Caller caller, SwitchboardDb db) : PageModel
{
    public sealed record Row(Reseller Reseller, int Clients, List<string> Admins);

    public List<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!caller.CanManageResellers) return Redirect("/");
        var resellers = await db.Resellers.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var clients = await db.Clients.GroupBy(c => c.ResellerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var admins = await db.SignIns.AsNoTracking().Where(s => s.Role == Roles.Reseller).Select(s => new { s.ResellerId, s.Email }).ToListAsync(ct);
        Rows = resellers.Select(r => new Row(r, clients.GetValueOrDefault(r.Id), admins.Where(a => a.ResellerId == r.Id).Select(a => a.Email).ToList())).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostResellerAsync(string? name, [FromServices] CreateReseller create, CancellationToken ct)
    {
        var result = await create.RunAsync(name, "page", ct);
        if (result.Outcome == EditOutcome.NotOwned) return Forbid();
        if (result.Outcome != EditOutcome.Saved)
        {
            Error = string.Join(" ", result.Errors.Values.SelectMany(m => m));
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = result.Message;
        return Redirect("/resellers");
    }

    public async Task<IActionResult> OnPostAdminAsync(int resellerId, string? email, string? password, [FromServices] CreateAccount create, CancellationToken ct)
    {
        if (!caller.CanManageResellers) return Forbid();
        var result = await create.RunAsync(new AccountFields(email, password, Roles.Reseller, resellerId, null), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/resellers");
            default:
                Error = "Administrator not added: " + string.Join(" ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                return await OnGetAsync(ct);
        }
    }
}
