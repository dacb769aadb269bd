using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Export;
using Switchboard.Core.Users.Listing;
using Switchboard.Web.Api;

namespace Switchboard.Web.Pages.Users;

/// <summary>
/// The Users list: search, filters (client, reseller, department, device, registered now, desk phone
/// fetches: the dashboard's links use them), sort, page size and page numbers, and actions on the ticked
/// rows (export, resync, delete). Every query reads through <see cref="Tenant"/>.
/// </summary>
public sealed class IndexModel(Tenant tenant, SwitchboardDb db, RegisteredUsers registered, TimeProvider clock) : PageModel
{
    public static readonly int[] PageSizes = [25, 50, 100, 200];
    public const int DefaultPageSize = 50;

    public sealed record Row(int Id, string FirstName, string LastName, string Email, string Extension, string? Department,
        string Device, string? MacAddress, string? Client, RegistrationState Registration);

    /// <summary>The value of a row's data-registration attribute (phones.md) and what a person reads.</summary>
    public static (string Attribute, string Text, string Title) Shown(RegistrationState s) => s switch
    {
        RegistrationState.Registered => ("registered", "Registered", "A phone or softphone is registered now"),
        RegistrationState.Unregistered => ("unregistered", "Not registered", "No phone or softphone is registered now"),
        _ => ("unknown", "Unavailable", "Not known now: a registrar did not answer, or none is configured"),
    };

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "id";
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true)] public int? ClientId { get; set; }
    /// <summary>The platform administrator's view of one reseller's clients (the dashboard links to it).</summary>
    [BindProperty(SupportsGet = true)] public int? ResellerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    /// <summary>softphone, desk, or model-ID.</summary>
    [BindProperty(SupportsGet = true)] public string? Device { get; set; }
    /// <summary>yes or no: registered now.</summary>
    [BindProperty(SupportsGet = true)] public string? Registered { get; set; }
    /// <summary>Desk phones by their last configuration fetch: recent (last 24 hours), older, never.</summary>
    [BindProperty(SupportsGet = true)] public string? Fetched { get; set; }
    [BindProperty(SupportsGet = true)] public int Size { get; set; } = DefaultPageSize;

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    public List<Client> Clients { get; private set; } = [];
    public List<Reseller> Resellers { get; private set; } = [];
    public List<string> Departments { get; private set; } = [];
    public List<PhoneModel> Models { get; private set; } = [];
    /// <summary>The table names each row's client: a reseller's or the platform's list of several clients.</summary>
    public bool ShowClient => !Caller.IsClient && ClientId is null;
    /// <summary>A row opens the user's page for those who may open it.</summary>
    public bool RowsOpen => Caller.CanManageUsers;
    /// <summary>The Registered filter was asked for while a registrar did not answer: the list may be short or long.</summary>
    public bool RegistrationsIncomplete { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || ClientId is not null || ResellerId is not null || !string.IsNullOrEmpty(Department) ||
                            !string.IsNullOrEmpty(Device) || !string.IsNullOrEmpty(Registered) || !string.IsNullOrEmpty(Fetched);

    /// <summary>What to do next when the table is empty; only what this role can actually do.</summary>
    public string EmptyMessage =>
        !string.IsNullOrWhiteSpace(Q) ? "No user matches this search. Search by first or last name, email, or the start of an extension."
        : Filtered ? "No user matches these filters. Clear filters to see every user."
        : Caller.IsClient ? "No users yet. Use Add User for one person, or Import to load a users.csv file."
        : Caller.IsAdmin && ClientId is null ? "No users yet. Pick a client above to see its users or add one."
        : Caller.IsAdmin ? "This client has no users yet. Use Add User, or sign in as its administrator to import users.csv."
        : "No users yet. The client's administrators add users or import them from users.csv.";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAdministration) return Redirect("/me");
        if (!PageSizes.Contains(Size)) Size = DefaultPageSize;
        if (Caller.IsAdmin) Resellers = await tenant.Resellers.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var clients = tenant.Clients;
        // Only the platform administrator picks a reseller; anyone else has one at most, and a client's
        // administrator must not learn its reseller's ID by trying them.
        if (!Caller.IsAdmin) ResellerId = null;
        if (ResellerId is { } rid) clients = clients.Where(c => c.ResellerId == rid);
        Clients = await clients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var clientIds = clients.Select(c => c.Id);
        var users = tenant.Users.Where(u => clientIds.Contains(u.ClientId));
        if (ClientId is { } cid) users = users.Where(u => u.ClientId == cid);
        Departments = await users.Where(u => u.Department != null && u.Department != "").Select(u => u.Department!).Distinct()
            .OrderBy(d => d).Take(500).ToListAsync(ct);
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ThenBy(m => m.Model).ToListAsync(ct);
        users = await FilterAsync(users, ct);

        var q = from u in users
                join s in db.SignIns on u.Id equals s.Id
                join c in db.Clients on u.ClientId equals c.Id
                select new { u, s.Email, s.NormalizedEmail, c.SipDomain, ClientName = c.Name };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToLowerInvariant();
            q = q.Where(x => x.u.FirstName.ToLower().Contains(term) || x.u.LastName.ToLower().Contains(term) ||
                             x.NormalizedEmail.Contains(term) || x.u.Extension.StartsWith(term));
        }
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        q = (Sort, Desc) switch
        {
            ("name", false) => q.OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName).ThenBy(x => x.u.Id),
            ("name", true) => q.OrderByDescending(x => x.u.LastName).ThenByDescending(x => x.u.FirstName).ThenByDescending(x => x.u.Id),
            ("email", false) => q.OrderBy(x => x.NormalizedEmail),
            ("email", true) => q.OrderByDescending(x => x.NormalizedEmail),
            ("extension", false) => q.OrderBy(x => x.u.Extension).ThenBy(x => x.u.Id),
            ("extension", true) => q.OrderByDescending(x => x.u.Extension).ThenByDescending(x => x.u.Id),
            ("department", false) => q.OrderBy(x => x.u.Department).ThenBy(x => x.u.Id),
            ("department", true) => q.OrderByDescending(x => x.u.Department).ThenByDescending(x => x.u.Id),
            ("client", false) => q.OrderBy(x => x.ClientName).ThenBy(x => x.u.Id),
            ("client", true) => q.OrderByDescending(x => x.ClientName).ThenByDescending(x => x.u.Id),
            (_, true) => q.OrderByDescending(x => x.u.Id),
            _ => q.OrderBy(x => x.u.Id),
        };
        var page = await q.Skip((PageNumber - 1) * Size).Take(Size).ToListAsync(ct);
        var models = Models.ToDictionary(m => m.Id, m => $"{m.Vendor} {m.Model}");
        var states = await registered.StatesAsync(page.Select(x => (x.u.Id, x.u.Extension, x.SipDomain)), ct);
        Rows = page.Select(x => new Row(x.u.Id, x.u.FirstName, x.u.LastName, x.Email, x.u.Extension, x.u.Department,
            x.u.PhoneModelId is { } m ? models.GetValueOrDefault(m, $"Model {m}") : "Softphone", x.u.MacAddress,
            x.ClientName, states[x.u.Id])).ToList();
        return Page();
    }

    /// <summary>The filters of the form and of the dashboard's links (<see cref="UserSets"/> defines each set once).</summary>
    private async Task<IQueryable<PbxUser>> FilterAsync(IQueryable<PbxUser> users, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Department)) users = users.Where(u => u.Department == Department);
        users = Device switch
        {
            "softphone" => users.Where(UserSets.Softphone),
            "desk" => users.Where(UserSets.DeskPhone),
            { } d when d.StartsWith("model-", StringComparison.Ordinal) && int.TryParse(d.AsSpan(6), out var model) => users.Where(u => u.PhoneModelId == model),
            _ => users,
        };
        var since = clock.GetUtcNow().UtcDateTime - UserSets.RecentFetch;
        users = Fetched switch
        {
            "recent" => users.Where(UserSets.FetchedSince(since)),
            "older" => users.Where(UserSets.FetchedBefore(since)),
            "never" => users.Where(UserSets.NeverFetched),
            _ => users,
        };
        if (Registered is "yes" or "no")
        {
            // The registrar's snapshot, matched to users inside the caller's walls (never user by user).
            var (items, complete) = await registered.ListAsync(ClientId, ct);
            RegistrationsIncomplete = !complete;
            var ids = items.Select(i => i.UserId).Distinct().ToList();
            users = Registered == "yes" ? users.Where(u => ids.Contains(u.Id)) : users.Where(u => !ids.Contains(u.Id));
        }
        return users;
    }

    /// <summary>Downloads users.csv: the same export as the API, audited as from the page.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportUsers export, bool includeSecrets, CancellationToken ct)
    {
        if (!Caller.CanExportUsers) return Forbid();
        if (await export.PrepareAsync(ClientId, includeSecrets, "page", ct) is not { } plan) return NotFound();
        await UsersCsvResponse.SendAsync(HttpContext, () => export.WriteAsync(plan, includeSecrets, Response.Body, ct));
        return new EmptyResult();
    }

    /// <summary>users.csv of the ticked rows only (without secrets): the same export, audited with the count.</summary>
    public async Task<IActionResult> OnPostExportAsync([FromServices] ExportUsers export, [FromForm] int[] ids, CancellationToken ct)
    {
        if (!Caller.CanExportUsers) return Forbid();
        if (ids.Length == 0)
        {
            TempData["FlashError"] = "Tick the users to export, then press Export selected.";
            return Redirect(PageLink(PageNumber));
        }
        if (ids.Length > ExportUsers.MaxSelected) return BadRequest();
        if (await export.PrepareSelectionAsync(ids, includeSecrets: false, "page", ct) is not { } plan) return NotFound();
        await UsersCsvResponse.SendAsync(HttpContext, () => export.WriteAsync(plan, includeSecrets: false, Response.Body, ct));
        return new EmptyResult();
    }

    /// <summary><i>Resync phones</i> for the users ticked in the table: the same command as the API.</summary>
    public async Task<IActionResult> OnPostResyncAsync([FromServices] ResyncPhones resync, [FromForm] int[] ids, CancellationToken ct)
    {
        if (!Caller.CanResyncPhones) return Forbid();
        var back = PageLink(PageNumber);
        if (ids.Length == 0)
        {
            TempData["FlashError"] = "Tick the users whose phones to resync, then press Resync phones.";
            return Redirect(back);
        }
        if (ids.Length > ResyncPhones.MaxUsers) return BadRequest();
        var (result, _) = await resync.RunAsync(ids, "page", ct);
        if (result is null) return NotFound();
        TempData["Flash"] = ResyncMessage(result);
        return Redirect(back);
    }

    public static string ResyncMessage(ResyncResult r) =>
        (r.Queued.Count == 0 ? "No desk phone to resync." : $"Resync asked for {r.Queued.Count} desk phone{(r.Queued.Count == 1 ? "" : "s")}: each registered one is told to fetch its configuration now.") +
        (r.Softphones.Count == 0 ? "" : $" {r.Softphones.Count} softphone user{(r.Softphones.Count == 1 ? " is" : "s are")} told nothing (a softphone fetches no file).");

    /// <summary>This list's address with its filters, sort and page size, changed by <paramref name="change"/>.</summary>
    public string Link(Action<Dictionary<string, object?>>? change = null)
    {
        var v = new Dictionary<string, object?>
        {
            ["Q"] = Q, ["ClientId"] = ClientId, ["ResellerId"] = ResellerId, ["Department"] = Department, ["Device"] = Device,
            ["Registered"] = Registered, ["Fetched"] = Fetched, ["Sort"] = Sort == "id" ? null : Sort, ["Desc"] = Desc ? true : null,
            ["Size"] = Size == DefaultPageSize ? null : Size, ["p"] = PageNumber == 1 ? null : PageNumber,
        };
        change?.Invoke(v);
        var query = string.Join("&", v.Where(kv => kv.Value is not null && kv.Value.ToString() != "")
            .Select(kv => $"{kv.Key}={Uri.EscapeDataString(Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)!)}"));
        return query.Length == 0 ? "/users" : "/users?" + query;
    }

    public string SortLink(string column) => Link(v => { v["Sort"] = column; v["Desc"] = Sort == column && !Desc ? true : null; v["p"] = null; });

    public string PageLink(int page) => Link(v => v["p"] = page == 1 ? null : page);

    /// <summary>The page numbers the pager offers: the first, the last, and two either side of the current one (0: a gap).</summary>
    public IEnumerable<int> PagerNumbers()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var i = PageNumber - 2; i <= PageNumber + 2; i++) if (i >= 1 && i <= Pages) shown.Add(i);
        var last = 0;
        foreach (var n in shown)
        {
            if (n > last + 1) yield return 0;
            yield return last = n;
        }
    }

    /// <summary>aria-sort of a sortable column's header.</summary>
    public string? AriaSort(string column) => Sort == column ? (Desc ? "descending" : "ascending") : null;
}
