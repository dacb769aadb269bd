using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Pages.Users;

/// <summary>Add or edit one user: the form runs the same planner as the import and the API.</summary>
public sealed class EditModel(Tenant tenant, SwitchboardDb db, SaveUser save, DeleteUser delete, RegisteredUsers registered) : PageModel
{
    /// <summary>Form values by users.csv column (as typed, or as stored).</summary>
    public Dictionary<UserColumn, string> Values { get; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public int? Id { get; private set; }
    public Client Client { get; private set; } = null!;
    public List<PhoneModel> Models { get; private set; } = [];
    public List<ProvisioningTemplate> Templates { get; private set; } = [];
    public List<UserProfile> Profiles { get; private set; } = [];
    /// <summary>The desk phone's last provisioning fetch: when, from where, which User-Agent (null: none yet).</summary>
    public (DateTime At, string? Address, string? UserAgent)? LastFetch { get; private set; }
    /// <summary>The user's registrations now (an existing user), and whether every registrar answered.</summary>
    public List<Registration> Registrations { get; private set; } = [];
    public bool RegistrationsComplete { get; private set; }
    public bool HasDeskPhone { get; private set; }
    /// <summary>The stored desk phone's model (null: a softphone).</summary>
    public string? StoredPhone { get; private set; }

    public static readonly UserColumn[] FormColumns = UserColumns.Settable;

    public string V(UserColumn c) => Values.GetValueOrDefault(c, "");

    /// <summary>
    /// Whether a template belongs in the list for the chosen phone model: the server renders the list
    /// already following the model (so it works without script), and user-form.js keeps it following.
    /// </summary>
    public bool Fits(ProvisioningTemplate t) => V(UserColumn.PhoneModelId) == t.PhoneModelId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The phone model's name for a template's group in the list.</summary>
    public string ModelName(int id) => Models.FirstOrDefault(m => m.Id == id) is { } m ? $"{m.Vendor} {m.Model}" : $"Phone model {id}";

    public IHtmlContent ErrorFor(UserColumn c) =>
        Errors.TryGetValue(c.Header(), out var m)
            ? new HtmlString($"<p class=\"field-error\" id=\"err-{c.JsonName()}\">{System.Net.WebUtility.HtmlEncode(m)}</p>")
            : HtmlString.Empty;

    /// <summary>A stored value as the form shows it: yes/no for the check boxes, "" for empty.</summary>
    private static string FormValue(UserColumn c, string? value) =>
        c.Field().Rule == UserRule.Switch ? (value == BooleanValue.Format(true) ? "yes" : "no") : value ?? "";


    public async Task<IActionResult> OnGetAsync(int? id, int? clientId, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageUsers) return Forbid();
        if (!await LoadAsync(id, clientId, ct)) return NotFound();
        // A new user starts from the defaults; stored secrets are never shown (the form keeps them unless one is typed).
        var shown = id is null ? null : (await StoredUsers.ShowAsync(db, [id.Value], ct)).Single();
        var u = shown?.User ?? new UserValues();
        foreach (var c in FormColumns)
            if (!c.IsSecret()) Values[c] = FormValue(c, c.Field().Format(u));
        await LoadStatusAsync(shown, ct);
        return Page();
    }

    /// <summary>An existing user's phone as stored: its last provisioning fetch and its registrations now (also shown beside a form with errors).</summary>
    private async Task LoadStatusAsync(ShownUser? shown, CancellationToken ct)
    {
        if (shown is null) return;
        var u = shown.User;
        if (shown.Fetch is { } f) LastFetch = (f.At, u.IpAddress, f.UserAgent);
        HasDeskPhone = PhoneSync.IsDeskPhone(u);
        StoredPhone = u.PhoneModelId is { } m ? ModelName(m) : null;
        (Registrations, RegistrationsComplete) = await registered.OfAsync(u.Extension, Client.SipDomain, ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? clientId, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageUsers) return Forbid();
        if (!await LoadAsync(id, clientId, ct)) return NotFound();
        var input = UserInput.Empty(0);
        input.Cells[(int)UserColumn.Id] = id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var c in FormColumns)
        {
            var value = c.Field().Rule == UserRule.Switch
                ? (Request.Form[c.JsonName()] == "true" ? "yes" : "no")
                : Request.Form[c.JsonName()].ToString().Trim();
            Values[c] = value;
            input.Cells[(int)c] = value;
        }
        if (Request.Form.ContainsKey("showTemplates"))
        {
            // Without script, "Show its templates" posts the form to list the chosen model's templates: nothing is saved.
            Values[UserColumn.WebPassword] = "";
            if (Templates.FirstOrDefault(t => V(UserColumn.ProvisioningTemplateId) == t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chosen && !Fits(chosen))
                Values[UserColumn.ProvisioningTemplateId] = "";
            await LoadStatusAsync(id is null ? null : (await StoredUsers.ShowAsync(db, [id.Value], ct)).Single(), ct);
            return Page();
        }
        var plan = await save.RunAsync(Client, input, tenant.Caller, "page", ct);
        if (plan.Outcome == RowOutcome.Failed)
        {
            Errors = plan.Causes.GroupBy(x => x.Column).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(x => x.Message)));
            Values[UserColumn.WebPassword] = "";
            await LoadStatusAsync(id is null ? null : (await StoredUsers.ShowAsync(db, [id.Value], ct)).Single(), ct);
            return Page();
        }
        TempData["Flash"] = plan.Outcome switch
        {
            RowOutcome.Created => $"User {plan.After!.FirstName} {plan.After.LastName} was created (ID {plan.After.Id}).",
            RowOutcome.Updated => $"User {plan.After!.Id} was saved." + SoftphoneNote(plan),
            _ => "Nothing was changed.",
        };
        return Redirect($"/users?ClientId={Client.Id}");
    }

    /// <summary>A softphone fetches no file: after its secret or extension changed, someone types the new values in.</summary>
    private static string SoftphoneNote(RowPlan plan) =>
        plan.After is { PhoneModelId: null } after && plan.Before is { } before &&
        Switchboard.Core.Users.Import.ImportReport.SoftphoneChanges(before, after) is { Count: > 0 } changed
            ? $" Type the new {string.Join(" and ", changed.Select(c => c.ToLowerInvariant()))} into {after.FirstName} {after.LastName}'s softphone: it is told nothing, and its old registration is removed."
            : "";

    /// <summary><i>Resync phone</i>: the same command as the API and the Users page's selection.</summary>
    public async Task<IActionResult> OnPostResyncAsync(int id, [FromServices] ResyncPhones resync, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageUsers) return Forbid();
        var (result, _) = await resync.RunAsync([id], "page", ct);
        if (result is null) return NotFound();
        TempData["Flash"] = IndexModel.ResyncMessage(result);
        return Redirect($"/users/edit/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageUsers) return Forbid();
        var clientId = await tenant.Users.Where(u => u.Id == id).Select(u => (int?)u.ClientId).FirstOrDefaultAsync(ct);
        if (clientId is null || !await delete.RunAsync(tenant, id, "page", ct)) return NotFound();
        TempData["Flash"] = $"User {id} was deleted.";
        return Redirect($"/users?ClientId={clientId}");
    }

    private async Task<bool> LoadAsync(int? id, int? clientId, CancellationToken ct)
    {
        Id = id;
        Client? client;
        if (id is not null)
        {
            var user = await tenant.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            if (user is null) return false;
            client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == user.ClientId, ct);
        }
        else client = tenant.ClientFor(clientId);
        if (client is null) return false;
        Client = client;
        Models = await db.PhoneModels.AsNoTracking().OrderBy(m => m.Vendor).ThenBy(m => m.Model).ToListAsync(ct);
        var visible = PlanContextLoader.Load(db, client).TemplateModel.Keys.ToList(); // the templates users.csv may name
        Templates = await db.ProvisioningTemplates.AsNoTracking().Where(t => visible.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync(ct);
        Profiles = await db.UserProfiles.AsNoTracking().Where(p => p.ClientId == client.Id).OrderBy(p => p.Name).ToListAsync(ct);
        return true;
    }
}
