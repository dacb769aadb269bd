using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Audit;

/// <summary>The audit log of the clients the caller can see, filterable by client, user and days.</summary>
public sealed class IndexModel(Tenant tenant, ReadAuditLog read) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? ClientId { get; set; }
    [BindProperty(SupportsGet = true)] public int? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Caller Caller => tenant.Caller;
    public List<Client> Clients { get; private set; } = [];
    public IReadOnlyList<AuditView> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool Filtered => ClientId is not null || UserId is not null || From is not null || To is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAuditLog) return Redirect("/me"); // a PBX user's start page
        Clients = tenant.Clients.AsNoTracking().OrderBy(c => c.Name).ToList();
        if (Caller.IsClient) ClientId = null;
        else if (ClientId is { } c && Clients.All(x => x.Id != c)) return NotFound();
        var filter = new AuditFilter(ClientId, UserId, From, To);
        (Rows, Total) = await read.RunAsync(filter, Math.Max(PageNumber, 1), PageSize, ct);
        if (PageNumber > Pages)
        {
            PageNumber = Pages;
            (Rows, Total) = await read.RunAsync(filter, PageNumber, PageSize, ct);
        }
        return Page();
    }

    public string PageLink(int page) => Url.Page("/Audit/Index", new { ClientId, UserId, From, To, p = page })!;

    public string ClientName(int? id) => id is null ? "" : Clients.FirstOrDefault(c => c.Id == id)?.Name ?? $"#{id}";
}
