using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;

namespace Switchboard.Web.Pages.Users;

/// <summary>
/// Deleting the users ticked on the Users page: first a confirmation naming them and their count, then the
/// delete, each user through <see cref="DeleteUser"/> as the API deletes one. Works without script.
/// </summary>
public sealed class DeleteModel(Tenant tenant, SwitchboardDb db, DeleteUser delete) : PageModel
{
    public sealed record Row(int Id, string Name, string Email, string Extension, string Client);

    public List<Row> Rows { get; private set; } = [];
    public string Back { get; private set; } = "/users";

    public IActionResult OnGet() => Redirect("/users");

    /// <summary>The confirmation: what would be deleted.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] int[] ids, [FromForm] string? returnUrl, CancellationToken ct)
    {
        Back = BackTo(returnUrl);
        if (await RefuseAsync(ids, ct) is { } refused) return refused;
        Rows = await (from u in tenant.Users.Where(u => ids.Contains(u.Id))
                      join s in db.SignIns on u.Id equals s.Id
                      join c in db.Clients on u.ClientId equals c.Id
                      orderby u.Id
                      select new Row(u.Id, u.FirstName + " " + u.LastName, s.Email, u.Extension, c.Name)).AsNoTracking().ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync([FromForm] int[] ids, [FromForm] string? returnUrl, CancellationToken ct)
    {
        Back = BackTo(returnUrl);
        if (await RefuseAsync(ids, ct) is { } refused) return refused;
        var (deleted, missing) = await delete.RunManyAsync(tenant, ids, "page", ct);
        if (missing is not null) return NotFound();
        TempData["Flash"] = deleted == 1 ? "1 user was deleted." : $"{deleted} users were deleted.";
        return Redirect(Back);
    }

    /// <summary>Another tenant's ID answers like a missing one (404) before a role without the right hears 403 (sent to the start page).</summary>
    private async Task<IActionResult?> RefuseAsync(int[] ids, CancellationToken ct)
    {
        if (!tenant.Caller.CanSeeAdministration) return Forbid();
        if (ids.Length == 0)
        {
            TempData["FlashError"] = "Tick the users to delete, then press Delete selected.";
            return Redirect(Back);
        }
        if (ids.Length > DeleteUser.MaxSelected) return BadRequest();
        var distinct = ids.Distinct().ToList();
        if (await tenant.Users.CountAsync(u => distinct.Contains(u.Id), ct) < distinct.Count) return NotFound();
        return tenant.Caller.CanManageUsers ? null : Forbid();
    }

    /// <summary>Back to the list as it was (its filters and page); only ever the Users list.</summary>
    private string BackTo(string? returnUrl) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) && (returnUrl == "/users" || returnUrl.StartsWith("/users?", StringComparison.Ordinal))
            ? returnUrl : "/users";
}
