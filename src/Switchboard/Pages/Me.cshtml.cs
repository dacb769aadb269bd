using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Pages;

/// <summary>
/// Every account's own page: *Sign out everywhere* for all, and for a PBX user its phone (extension, SIP
/// domain, device, registered now) and its self-service settings, saved by the command behind
/// PUT /api/v1/me/settings (the same rules as the import and the API).
/// </summary>
public sealed class MeModel(Caller caller, SwitchboardDb db, SaveOwnSettings save, RegisteredUsers registered, ILogger<MeModel> log) : PageModel
{
    /// <summary>The signed-in user as stored (the page shows the email they signed in with).</summary>
    public UserValues? Settings { get; private set; }
    public string SipDomain { get; private set; } = "";
    /// <summary>"Softphone", or the desk phone's vendor and model.</summary>
    public string Device { get; private set; } = "";
    /// <summary>The user's registrations now; <see cref="RegisteredNow"/> is Unknown when a registrar did not answer (or none is configured).</summary>
    public List<Switchboard.Core.Registrar.Registration> Registrations { get; private set; } = [];
    public RegistrationState RegisteredNow { get; private set; } = RegistrationState.Unknown;
    private Dictionary<string, string> _errors = [];

    public IHtmlContent ErrorFor(string field) =>
        _errors.TryGetValue(field, out var m) ? new HtmlString($"<p class=\"field-error\">{System.Net.WebUtility.HtmlEncode(m)}</p>") : HtmlString.Empty;

    public string Email => caller.Email;

    public string Role => caller.Role;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Settings = await LoadAsync(ct);
        return Page();
    }

    /// <summary>Ends every session and API token of the account, this browser's included: it goes to the sign-in page.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        await Switchboard.Core.Accounts.Sessions.SignOutEverywhereAsync(db, caller, "page", ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData["Flash"] = "You are signed out everywhere: every session and API token of your account has ended.";
        return Redirect("/login");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!caller.CanUseSelfService) return Redirect("/users");
        var input = UserInput.Empty(0);
        // Every self-service field, named as in the API; an unticked box is absent from the form: No.
        foreach (var c in UserColumns.SelfService)
        {
            var value = Request.Form[c.JsonName()].ToString();
            input.Cells[(int)c] = c.Field().Rule == UserRule.Switch ? (bool.TryParse(value, out var on) && on ? "yes" : "no")
                : c == UserColumn.WebPassword ? value : value.Trim();
        }
        var result = await save.RunAsync(caller, input, Request.Form["CurrentPassword"].ToString(), ct);
        if (result.CurrentPasswordError is { } wrong)
        {
            _errors = new() { [Switchboard.Core.Accounts.CurrentPassword.Field] = wrong };
            Settings = await LoadAsync(ct);
            return Page();
        }
        var plan = result.Plan!;
        if (plan.Outcome == RowOutcome.Failed)
        {
            _errors = Api.UserDto.Errors(plan.Causes).ToDictionary(e => e.Key, e => string.Join(" ", e.Value));
            Settings = await LoadAsync(ct);
            return Page();
        }
        if (plan.NewPasswordHash is not null)
        {
            // The new password ended every session, this one included; the person who just gave it stays
            // signed in here, in a new session under the new stamp.
            await HttpContext.SignOutPortalAsync();
            var stamp = await db.SignIns.Where(s => s.Id == caller.Id).Select(s => s.SecurityStamp).FirstAsync(ct);
            await HttpContext.SignInPortalAsync(caller, stamp);
        }
        TempData["Flash"] = plan.Outcome == RowOutcome.Unchanged ? "Nothing to change." : "Your settings are saved.";
        return Redirect("/me");
    }

    private async Task<UserValues?> LoadAsync(CancellationToken ct)
    {
        if (!caller.CanUseSelfService || await StoredUsers.FindAsync(db, caller.Id, ct) is not { } u) return null;
        u.Email = caller.Email;
        SipDomain = await db.Clients.AsNoTracking().Where(c => c.Id == u.ClientId).Select(c => c.SipDomain).FirstAsync(ct);
        Device = u.PhoneModelId is { } m
            ? await db.PhoneModels.AsNoTracking().Where(x => x.Id == m).Select(x => x.Vendor + " " + x.Model).FirstOrDefaultAsync(ct) ?? "Desk phone"
            : "Softphone";
        try
        {
            var (items, complete) = await registered.OfAsync(u.Extension, SipDomain, ct);
            Registrations = items;
            RegisteredNow = items.Count > 0 ? RegistrationState.Registered : complete ? RegistrationState.Unregistered : RegistrationState.Unknown;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The registrar is someone else's server: whatever it does, the person's own page still opens.
            log.LogWarning(e, "Registrations could not be read for the self-service page");
        }
        return u;
    }
}
