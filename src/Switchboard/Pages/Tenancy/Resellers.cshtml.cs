using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>Resellers and their administrators: the platform administrator's page.</summary>
public sealed class ResellersModel(Caller caller, SwitchboardDb db, Passwords passwords) : PageModel
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
        db.AuditEntries.Add(AuditLog.Entry(caller.Id, caller.Email, "page", null, "reseller.create", "reseller", reseller.Id, name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Reseller \"{name}\" was added with ID {reseller.Id}.";
        return Redirect("/resellers");
    }

    public async Task<IActionResult> OnPostAdminAsync(int resellerId, string? email, string? password, CancellationToken ct)
    {
        if (!caller.IsAdmin) return Forbid();
        if (!await db.Resellers.AnyAsync(r => r.Id == resellerId, ct)) return NotFound();
        email = email?.Trim() ?? "";
        Error = EmailValue.Check(email) ?? WebPasswordValue.Check(password ?? "", email, null);
        var normalized = EmailValue.Normalize(email);
        if (Error is null && await db.SignIns.AnyAsync(s => s.NormalizedEmail == normalized, ct)) Error = "This email is already used by another account.";
        if (Error is not null) { Error = $"Administrator not added: {Error}"; return await OnGetAsync(ct); }
        db.SignIns.Add(new SignIn
        {
            Email = email, NormalizedEmail = normalized, PasswordHash = passwords.Hash(password!), Role = Roles.Reseller, ResellerId = resellerId, CreatedAt = DateTime.UtcNow,
        });
        db.AuditEntries.Add(AuditLog.Entry(caller.Id, caller.Email, "page", null, "account.create", "account", null, $"reseller {email}"));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"{email} can now sign in as an administrator of reseller {resellerId}.";
        return Redirect("/resellers");
    }
}
