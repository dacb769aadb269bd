using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
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
        if (!caller.IsAdmin) return Redirect("/");
        var resellers = await db.Resellers.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var clients = await db.Clients.GroupBy(c => c.ResellerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var admins = await db.SignIns.AsNoTracking().Where(s => s.Role == Roles.Reseller).Select(s => new { s.ResellerId, s.Email }).ToListAsync(ct);
        Rows = resellers.Select(r => new Row(r, clients.GetValueOrDefault(r.Id), admins.Where(a => a.ResellerId == r.Id).Select(a => a.Email).ToList())).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostResellerAsync(string? name, CancellationToken ct)
    {
        if (!caller.IsAdmin) return Forbid();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) Error = "Enter the reseller's name.";
        else if (await db.Resellers.AnyAsync(r => r.Name == name, ct)) Error = $"A reseller named \"{name}\" already exists.";
        if (Error is not null) return await OnGetAsync(ct);
        var reseller = new Reseller { Name = name! };
        db.Resellers.Add(reseller);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(caller, "page", null, "reseller.create", "reseller", reseller.Id, name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Reseller \"{name}\" was added with ID {reseller.Id}.";
        return Redirect("/resellers");
    }

    public async Task<IActionResult> OnPostAdminAsync(int resellerId, string? email, string? password, [FromServices] CreateAccount create, CancellationToken ct)
    {
        if (!caller.IsAdmin) return Forbid();
        if (!await db.Resellers.AnyAsync(r => r.Id == resellerId, ct)) return NotFound();
        var result = await create.RunAsync(caller, "page", email, password, Roles.Reseller, resellerId, null, ct);
        if (result.Account is null)
        {
            Error = "Administrator not added: " + string.Join(" ", result.Errors.Select(e => $"{e.Key}: {e.Value}"));
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = $"{result.Account.Email} can now sign in as an administrator of reseller {resellerId}.";
        return Redirect("/resellers");
    }
}
