using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Audit;

/// <summary>The audit log of the clients the caller can see, in words, filterable by client, user (ID, name or email), action, source and days.</summary>
public sealed class IndexModel(Tenant tenant, ReadAuditLog read, SwitchboardDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? ClientId { get; set; }
    [BindProperty(SupportsGet = true)] public int? UserId { get; set; }
    /// <summary>A user's name or email (part of it).</summary>
    [BindProperty(SupportsGet = true, Name = "User")] public string? UserText { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    /// <summary>"page", "api", "self-service", "import" (every import), "undo".</summary>
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    /// <summary>One import's number: its changes (overrides <see cref="Source"/>).</summary>
    [BindProperty(SupportsGet = true)] public int? Import { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Caller Caller => tenant.Caller;
    public List<Client> Clients { get; private set; } = [];
    public IReadOnlyList<AuditView> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool Filtered => ClientId is not null || UserId is not null || From is not null || To is not null ||
        !string.IsNullOrWhiteSpace(UserText) || !string.IsNullOrEmpty(Action) || !string.IsNullOrEmpty(Source) || Import is not null;

    /// <summary>How many of the caller's users a name or email filter looks for by ID (beyond, the entries' subjects still match).</summary>
    public const int MaxMatchedUsers = 1000;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAuditLog) return Redirect("/me"); // a PBX user's start page
        Clients = tenant.Clients.AsNoTracking().OrderBy(c => c.Name).ToList();
        if (Caller.IsClient) ClientId = null;
        else if (ClientId is { } c && Clients.All(x => x.Id != c)) return NotFound();
        var filter = new AuditFilter(ClientId, UserId, From, To)
        {
            UserText = UserText, UserIds = MatchingUsers(), Action = Action,
            Source = Import is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Source,
        };
        (Rows, Total) = await read.RunAsync(filter, Math.Max(PageNumber, 1), PageSize, ct);
        if (PageNumber > Pages)
        {
            PageNumber = Pages;
            (Rows, Total) = await read.RunAsync(filter, PageNumber, PageSize, ct);
        }
        return Page();
    }

    public string PageLink(int page) => Url.Page("/Audit/Index", new { ClientId, UserId, User = UserText, Action, Source, Import, From, To, p = page })!;

    /// <summary>The caller's users (inside its walls) whose name or email contains <see cref="UserText"/>.</summary>
    private List<int> MatchingUsers()
    {
        if (string.IsNullOrWhiteSpace(UserText)) return [];
        var term = UserText.Trim().ToLowerInvariant();
        return (from u in tenant.Users
                join s in db.SignIns on u.Id equals s.Id
                where (u.FirstName + " " + u.LastName).ToLower().Contains(term) || s.NormalizedEmail.Contains(term)
                select u.Id).Take(MaxMatchedUsers).ToList();
    }

    public string ClientName(int? id) => id is null ? "" : Clients.FirstOrDefault(c => c.Id == id)?.Name ?? $"#{id}";
}
