using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Listing;

namespace Switchboard.Web.Pages;

/// <summary>
/// The dashboard, where administrators land: their scope's users, desk phones and softphones, who is
/// registered now, desk phones' configuration fetches and the last imports; a reseller's numbers per
/// client, the platform administrator's per reseller. Every number links to the list it counts. PBX
/// users go to their own page.
/// </summary>
public sealed class IndexModel(Tenant tenant, UserCounts counts, RegisteredUsers registered) : PageModel
{
    public const int LastImports = 8;

    /// <summary>One line of numbers: the whole scope, one client or one reseller (the filters its links carry).</summary>
    public sealed record Line(string Name, int? ClientId, int? ResellerId, int Clients, ClientCounts Counts, int Registered)
    {
        public string Users(string? device = null, string? registered = null, string? fetched = null)
        {
            var q = new List<string>();
            if (ResellerId is { } r) q.Add($"ResellerId={r}");
            if (ClientId is { } c) q.Add($"ClientId={c}");
            if (device is not null) q.Add($"Device={device}");
            if (registered is not null) q.Add($"Registered={registered}");
            if (fetched is not null) q.Add($"Fetched={fetched}");
            return q.Count == 0 ? "/users" : "/users?" + string.Join("&", q);
        }
    }

    public sealed record ImportLine(ImportJob Job, string Client);

    public Caller Caller => tenant.Caller;
    public Line Total { get; private set; } = null!;
    /// <summary>Per client (a reseller) or per reseller (the platform administrator); empty for a client administrator.</summary>
    public List<Line> Lines { get; private set; } = [];
    /// <summary>Whether every registrar answered: otherwise "registered now" is shown as unavailable, never as a wrong number.</summary>
    public bool RegistrationsKnown { get; private set; }
    public List<ImportLine> Imports { get; private set; } = [];
    public bool ShowClientOfImports => !Caller.IsClient;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanSeeAdministration) return Redirect("/me");
        var clients = await tenant.Clients.AsNoTracking().Select(c => new { c.Id, c.Name, c.ResellerId }).ToListAsync(ct);
        var byClient = await counts.ByClientAsync(ct);
        var (registrations, complete) = await registered.ListAsync(null, ct);
        RegistrationsKnown = complete;
        var registeredByClient = registrations.GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => g.Select(r => r.UserId).Distinct().Count());

        ClientCounts Of(int clientId) => byClient.GetValueOrDefault(clientId) ?? ClientCounts.None;
        ClientCounts Sum(IEnumerable<int> ids) => ids.Aggregate(ClientCounts.None, (a, id) => a.Plus(Of(id)));
        int RegisteredIn(IEnumerable<int> ids) => ids.Sum(id => registeredByClient.GetValueOrDefault(id));

        var all = clients.Select(c => c.Id).ToList();
        Total = new Line("All", null, null, clients.Count, Sum(all), RegisteredIn(all));
        if (Caller.IsReseller)
            Lines = clients.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(c => new Line(c.Name, c.Id, null, 1, Of(c.Id), RegisteredIn([c.Id]))).ToList();
        else if (Caller.IsAdmin)
        {
            var resellers = await tenant.Resellers.AsNoTracking().Select(r => new { r.Id, r.Name }).ToListAsync(ct);
            Lines = resellers.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).Select(r =>
            {
                var ids = clients.Where(c => c.ResellerId == r.Id).Select(c => c.Id).ToList();
                return new Line(r.Name, null, r.Id, ids.Count, Sum(ids), RegisteredIn(ids));
            }).ToList();
        }

        var names = clients.ToDictionary(c => c.Id, c => c.Name);
        Imports = (await tenant.Imports.AsNoTracking().OrderByDescending(j => j.Id).Take(LastImports).ToListAsync(ct))
            .Select(j => new ImportLine(j, names.GetValueOrDefault(j.ClientId, $"ID {j.ClientId}"))).ToList();
        return Page();
    }

    /// <summary>An import's outcome in a few words: what it did, or why it could not.</summary>
    public static string Outcome(ImportJob j)
    {
        if (j.Status is "queued" or "running") return j.Status == "queued" ? "Waiting to start" : $"Running: {j.Processed} of {j.Rows} rows";
        if (j.Status == "failed") return j.Message is { Length: > 0 } m ? $"Failed: {m}" : "Failed";
        if (j.Kind == ImportKind.Undo) return $"{j.Reverted} reverted, {j.Failed} not reverted";
        var done = $"{j.Created} created, {j.Updated} updated, {j.Unchanged} unchanged, {j.Failed} failed";
        return j.DryRun ? "Validate only: " + done : done;
    }

    public static string OutcomeClass(ImportJob j) =>
        j.Status == "failed" ? "failed" : j.Status == "completed" ? (j.Failed > 0 ? "partial" : "completed") : "";
}
