using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Web.Pages;

/// <summary>A PBX user's self-service page: the same rules as the import and the API.</summary>
public sealed class MeModel(Caller caller, SwitchboardDb db, SaveUser save) : PageModel
{
    public sealed record View(string Email, string Extension, bool DndOn, bool CallWaitingOn, string? ForwardNumber, string? FollowmeNumber);

    public View? Settings { get; private set; }
    private Dictionary<string, string> _errors = [];

    public IHtmlContent ErrorFor(string field) =>
        _errors.TryGetValue(field, out var m) ? new HtmlString($"<p class=\"field-error\">{System.Net.WebUtility.HtmlEncode(m)}</p>") : HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!caller.IsUser) return Redirect("/users"); // administrators' start page, as for every page a role may not use
        Settings = await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool dndOn, bool callWaitingOn, string? forwardNumber, string? followmeNumber,
        string? voicemailPin, string? webPassword, CancellationToken ct)
    {
        if (!caller.IsUser) return Redirect("/users");
        var input = UserInput.Empty(0);
        input.Cells[(int)UserColumn.Id] = caller.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        input.Cells[(int)UserColumn.DndOn] = dndOn ? "yes" : "no";
        input.Cells[(int)UserColumn.CallWaitingOn] = callWaitingOn ? "yes" : "no";
        input.Cells[(int)UserColumn.ForwardNumber] = forwardNumber?.Trim() ?? "";
        input.Cells[(int)UserColumn.FollowmeNumber] = followmeNumber?.Trim() ?? "";
        input.Cells[(int)UserColumn.VoicemailPin] = voicemailPin?.Trim() ?? "";
        input.Cells[(int)UserColumn.WebPassword] = webPassword ?? "";
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

    private async Task<View?> LoadAsync(CancellationToken ct)
    {
        if (!caller.IsUser) return null;
        var u = await db.Users.AsNoTracking().FirstAsync(x => x.Id == caller.Id, ct);
        return new View(caller.Email, u.Extension, u.DndOn, u.CallWaitingOn, u.ForwardNumber, u.FollowmeNumber);
    }
}
