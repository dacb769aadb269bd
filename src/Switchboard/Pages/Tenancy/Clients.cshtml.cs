using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Accounts;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>A reseller's clients and their administrators (the platform administrator sees all).</summary>
public sealed class ClientsModel(Tenant tenant, SwitchboardDb db, IOptions<SipOptions> sip) : PageModel
{
    public sealed record Row(Client Client, string Reseller, List<string> Admins, int Users);

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public List<Reseller> Resellers { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>Where client SIP domains must end, when the platform says (Sip:DomainSuffix).</summary>
    public string? DomainSuffix => sip.Value.DomainSuffix;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanManageClients) return Redirect("/");
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

    public async Task<IActionResult> OnPostClientAsync(string? name, int? resellerId, string? defaultLanguage, string? sipDomain,
        [FromServices] CreateClient create, CancellationToken ct)
    {
        var result = await create.RunAsync(resellerId, new ClientFields(name, defaultLanguage, sipDomain), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/clients");
            default:
                Error = "Client not added: " + (result.Errors.Count > 0 ? string.Join(" ", result.Errors.Values.SelectMany(m => m)) : result.Message);
                return await OnGetAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostAdminAsync(int clientId, string? email, string? password, [FromServices] CreateAccount create, CancellationToken ct)
    {
        if (!Caller.CanManageClients) return Forbid();
        var result = await create.RunAsync(new AccountFields(email, password, Roles.Client, null, clientId), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/clients");
            default:
                Error = "Administrator not added: " + string.Join(" ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                return await OnGetAsync(ct);
        }
    }
}
