using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Pages;

/// <summary>
/// Every account's own page: *Sign out everywhere* for all, and for a PBX user its self-service settings
/// (the same rules as the import and the API).
/// </summary>
public sealed class MeModel(Caller caller, SwitchboardDb db, SaveUser save, Switchboard.Core.Accounts.CurrentPassword currentPassword) : PageModel
{
    /// <summary>The signed-in user as stored (the page shows the email they signed in with).</summary>
    public UserValues? Settings { get; private set; }
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
        input.Cells[(int)UserColumn.Id] = caller.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Every self-service field, named as in the API; an unticked box is absent from the form: No.
        foreach (var c in UserColumns.SelfService)
        {
            var value = Request.Form[c.JsonName()].ToString();
            input.Cells[(int)c] = c.Field().Rule == UserRule.Switch ? (bool.TryParse(value, out var on) && on ? "yes" : "no")
                : c == UserColumn.WebPassword ? value : value.Trim();
        }
        if (await currentPassword.CheckAsync(caller.Id, input.Cells[(int)UserColumn.WebPassword],
                Request.Form["CurrentPassword"].ToString(), ct) is { } wrong)
        {
            _errors = new() { [Switchboard.Core.Accounts.CurrentPassword.Field] = wrong };
            Settings = await LoadAsync(ct);
            return Page();
        }
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == caller.Id, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == user.ClientId, ct);
        var plan = await save.RunAsync(client, input, caller, "self-service", ct);
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
        return u;
    }
}
