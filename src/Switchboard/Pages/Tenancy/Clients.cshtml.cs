using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>A reseller's clients and their administrators (the platform administrator sees all).</summary>
public sealed class ClientsModel(Tenant tenant, SwitchboardDb db) : PageModel
{
    public sealed record Row(Client Client, string Reseller, List<string> Admins, int Users);

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public List<Reseller> Resellers { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(Caller.IsAdmin || Caller.IsReseller)) return Redirect("/");
        Resellers = await tenant.Resellers.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var names = Resellers.ToDictionary(r => r.Id, r => r.Name);
        var clients = await tenant.Clients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var ids = clients.Select(c => c.Id).ToList();
        var admins = await db.SignIns.AsNoTracking().Where(s => s.Role == Roles.Client && s.ClientId != null && ids.Contains(s.ClientId.Value))
            .Select(s => new { s.ClientId, s.Email }).ToListAsync(ct);
        var users = await db.Users.Where(u => ids.Contains(u.ClientId)).GroupBy(u => u.ClientId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = clients.Select(c => new Row(c, names.GetValueOrDefault(c.ResellerId, $"ID {c.ResellerId}"),
            admins.Where(a => a.ClientId == c.Id).Select(a => a.Email).ToList(), users.GetValueOrDefault(c.Id))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostClientAsync(string? name, int? resellerId, string? defaultLanguage, CancellationToken ct)
    {
        if (!(Caller.IsAdmin || Caller.IsReseller)) return Forbid();
        var owner = Caller.IsReseller ? Caller.ResellerId : resellerId;
        var language = "en";
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) Error = "Enter the client's name.";
        else if (owner is null || !await tenant.Resellers.AnyAsync(r => r.Id == owner, ct)) Error = "Pick the reseller that owns the client.";
        else if (!string.IsNullOrWhiteSpace(defaultLanguage) && !LanguageValue.TryNormalize(defaultLanguage, out language)) Error = LanguageValue.Problem(defaultLanguage);
        else if (await db.Clients.AnyAsync(c => c.ResellerId == owner && c.Name == name, ct)) Error = $"A client named \"{name}\" already exists.";
        if (Error is not null) return await OnGetAsync(ct);
        var slug = new string(name!.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        var client = new Client { Name = name!, ResellerId = owner!.Value, DefaultLanguage = language, SipDomain = $"{slug}-{Guid.NewGuid().ToString("N")[..6]}.voice.example" };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(Caller, "page", client.Id, "client.create", "client", client.Id, name));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Client \"{name}\" was added with ID {client.Id}.";
        return Redirect("/clients");
    }

    public async Task<IActionResult> OnPostAdminAsync(int clientId, string? email, string? password, [FromServices] CreateAccount create, CancellationToken ct)
    {
        if (!(Caller.IsAdmin || Caller.IsReseller)) return Forbid();
        if (tenant.ClientFor(clientId) is null) return NotFound();
        var result = await create.RunAsync(Caller, "page", email, password, Roles.Client, null, clientId, ct);
        if (result.Account is null)
        {
            Error = "Administrator not added: " + string.Join(" ", result.Errors.Select(e => $"{e.Key}: {e.Value}"));
            return await OnGetAsync(ct);
        }
        TempData["Flash"] = $"{result.Account.Email} can now sign in as an administrator of client {clientId}.";
        return Redirect("/clients");
    }
}
