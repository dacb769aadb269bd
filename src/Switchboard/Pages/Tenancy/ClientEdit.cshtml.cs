using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Web.Pages.Shared;

namespace Switchboard.Web.Pages.Tenancy;

/// <summary>
/// Change a client's name, default language and SIP domain, or delete it (its reseller's administrators
/// and the platform administrator), with the API's own commands.
/// </summary>
public sealed class ClientEditModel(Tenant tenant, SwitchboardDb db, IOptions<SipOptions> sip) : PageModel
{
    public int Id { get; private set; }
    public string CurrentName { get; private set; } = "";
    public int Users { get; private set; }
    /// <summary>The client's administrator accounts (managed on the Accounts page).</summary>
    public List<(string Email, bool Disabled)> Admins { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DefaultLanguage { get; set; }
    [BindProperty] public string? SipDomain { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Conflict { get; private set; }
    public string? DomainSuffix => sip.Value.DomainSuffix;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageClients) return Redirect("/");
        var c = await LoadAsync(id, ct);
        if (c is null) return NotFound();
        (Name, DefaultLanguage, SipDomain) = (c.Name, c.DefaultLanguage, c.SipDomain);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] UpdateClient update, CancellationToken ct)
    {
        var result = await update.RunAsync(id, new ClientFields(Name ?? "", DefaultLanguage ?? "", SipDomain ?? ""), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/clients");
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
        }
        if (await LoadAsync(id, ct) is null) return NotFound();
        Errors = new FieldErrors(result.Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteClient delete, CancellationToken ct) =>
        this.AfterDelete(await delete.RunAsync(id, "page", ct), "/clients", id);

    private async Task<Client?> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        var c = await tenant.Clients.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        CurrentName = c.Name;
        Users = await db.Users.CountAsync(u => u.ClientId == id, ct);
        Admins = [.. (await db.SignIns.AsNoTracking().Where(s => s.Role == Switchboard.Core.Tenancy.Roles.Client && s.ClientId == id)
            .OrderBy(s => s.Email).Select(s => new { s.Email, s.DisabledAt }).ToListAsync(ct)).Select(s => (s.Email, s.DisabledAt != null))];
        return c;
    }
}
