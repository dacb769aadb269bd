using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Web.Pages;

/// <summary>A PBX user's self-service page: the same rules as the import and the API.</summary>
public sealed class MeModel(Caller caller, SwitchboardDb db, SaveUser save, Switchboard.Core.Accounts.Passwords passwords) : PageModel
{
    /// <summary>The signed-in user as stored (the page shows the email they signed in with).</summary>
    public UserValues? Settings { get; private set; }
    private Dictionary<string, string> _errors = [];

    public IHtmlContent ErrorFor(string field) =>
        _errors.TryGetValue(field, out var m) ? new HtmlString($"<p class=\"field-error\">{System.Net.WebUtility.HtmlEncode(m)}</p>") : HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!caller.CanUseSelfService) return Redirect("/users"); // administrators' start page, as for every page a role may not use
        Settings = await LoadAsync(ct);
        return Page();
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
        if (await Switchboard.Core.Accounts.CurrentPassword.CheckAsync(db, passwords, caller.Id, input.Cells[(int)UserColumn.WebPassword],
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
