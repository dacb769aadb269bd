using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Export;
using Switchboard.Web.Api;

namespace Switchboard.Web.Pages.Users;

public sealed class IndexModel(Tenant tenant, SwitchboardDb db, RegisteredUsers registered) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string FirstName, string LastName, string Email, string Extension, string? Department,
        string Device, string? MacAddress, string? Profile, bool DndOn, bool CallWaitingOn, RegistrationState Registration);

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

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<Client> Clients { get; private set; } = [];

    /// <summary>What to do next when the table is empty; only what this role can actually do.</summary>
    public string EmptyMessage =>
        !string.IsNullOrWhiteSpace(Q) ? "No user matches this search. Search by first or last name, email, or the start of an extension."
        : Caller.IsClient ? "No users yet. Use Add User for one person, or Import to load a users.csv file."
        : Caller.IsAdmin && ClientId is null ? "No users yet. Pick a client above to see its users or add one."
        : Caller.IsAdmin ? "This client has no users yet. Use Add User, or sign in as its administrator to import users.csv."
        : "No users yet. The client's administrators add users or import them from users.csv.";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAdministration) return Redirect("/me");
        Clients = tenant.Clients.AsNoTracking().OrderBy(c => c.Name).ToList();
        var users = tenant.Users;
        if (ClientId is { } cid) users = users.Where(u => u.ClientId == cid);
        var q = from u in users
                join s in db.SignIns on u.Id equals s.Id
                join c in db.Clients on u.ClientId equals c.Id
                select new { u, s.Email, s.NormalizedEmail, c.SipDomain };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToLowerInvariant();
            q = q.Where(x => x.u.FirstName.ToLower().Contains(term) || x.u.LastName.ToLower().Contains(term) ||
                             x.NormalizedEmail.Contains(term) || x.u.Extension.StartsWith(term));
        }
        Total = q.Count();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        q = (Sort, Desc) switch
        {
            ("name", false) => q.OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName).ThenBy(x => x.u.Id),
            ("name", true) => q.OrderByDescending(x => x.u.LastName).ThenByDescending(x => x.u.FirstName).ThenByDescending(x => x.u.Id),
            ("email", false) => q.OrderBy(x => x.NormalizedEmail),
            ("email", true) => q.OrderByDescending(x => x.NormalizedEmail),
            ("extension", false) => q.OrderBy(x => x.u.Extension),
            ("extension", true) => q.OrderByDescending(x => x.u.Extension),
            ("department", false) => q.OrderBy(x => x.u.Department).ThenBy(x => x.u.Id),
            ("department", true) => q.OrderByDescending(x => x.u.Department).ThenByDescending(x => x.u.Id),
            (_, true) => q.OrderByDescending(x => x.u.Id),
            _ => q.OrderBy(x => x.u.Id),
        };
        var page = q.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var models = db.PhoneModels.AsNoTracking().ToDictionary(m => m.Id, m => $"{m.Vendor} {m.Model}");
        var profileIds = page.Where(x => x.u.UserProfileId != null).Select(x => x.u.UserProfileId!.Value).Distinct().ToList();
        var profiles = db.UserProfiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToDictionary(p => p.Id, p => p.Name);
        var states = await registered.StatesAsync(page.Select(x => (x.u.Id, x.u.Extension, x.SipDomain)), ct);
        Rows = page.Select(x => new Row(x.u.Id, x.u.FirstName, x.u.LastName, x.Email, x.u.Extension, x.u.Department,
            x.u.PhoneModelId is { } m ? models.GetValueOrDefault(m, $"Model {m}") : "Softphone", x.u.MacAddress,
            x.u.UserProfileId is { } p ? profiles.GetValueOrDefault(p) : null, x.u.DndOn, x.u.CallWaitingOn, states[x.u.Id])).ToList();
        return Page();
    }

    /// <summary>Downloads users.csv: the same export as the API, audited as from the page.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportUsers export, bool includeSecrets, CancellationToken ct)
    {
        if (!Caller.CanExportUsers) return Forbid();
        if (await export.PrepareAsync(ClientId, includeSecrets, "page", ct) is not { } plan) return NotFound();
        await UsersCsvResponse.SendAsync(HttpContext, () => export.WriteAsync(plan, includeSecrets, Response.Body, ct));
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

    public string SortLink(string column) =>
        Url.Page("/Users/Index", new { Q, ClientId, Sort = column, Desc = Sort == column && !Desc })!;

    public string PageLink(int page) => Url.Page("/Users/Index", new { Q, ClientId, Sort, Desc, p = page })!;
}
