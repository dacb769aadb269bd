using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Accounts;

/// <summary>
/// The administrator accounts of the caller's scope: added, disabled and enabled, given a new password,
/// deleted, with the API's own commands (and its rules: never oneself, never the last platform administrator).
/// </summary>
public sealed class IndexModel(Tenant tenant) : PageModel
{
    public sealed record Row(SignIn Account, string Scope);
    /// <summary>A scope the caller may add an administrator to: "admin", "reseller:ID" or "client:ID".</summary>
    public sealed record Target(string Value, string Label);

    public Caller Caller => tenant.Caller;
    public List<Row> Rows { get; private set; } = [];
    public List<Target> Targets { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Caller.CanManageAccounts) return Redirect("/me");
        var resellers = await tenant.Resellers.AsNoTracking().OrderBy(r => r.Name).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var clients = await tenant.Clients.AsNoTracking().OrderBy(c => c.Name).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var accounts = await tenant.Accounts.AsNoTracking().OrderBy(a => a.Role).ThenBy(a => a.Email).ToListAsync(ct);
        Rows = accounts.Select(a => new Row(a, a.Role switch
        {
            Roles.Admin => "Platform administrator",
            Roles.Reseller => $"Reseller {resellers.GetValueOrDefault(a.ResellerId ?? 0, "")} (ID {a.ResellerId})",
            _ => $"Client {clients.GetValueOrDefault(a.ClientId ?? 0, "")} (ID {a.ClientId})",
        })).ToList();
        if (Caller.CanCreateAccount(Roles.Admin)) Targets.Add(new("admin", "Platform administrator"));
        if (Caller.CanCreateAccount(Roles.Reseller)) Targets.AddRange(resellers.Select(r => new Target($"reseller:{r.Key}", $"Reseller {r.Value} (ID {r.Key})")));
        Targets.AddRange(clients.Select(c => new Target($"client:{c.Key}", $"Client {c.Value} (ID {c.Key})")));
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? scope, string? email, string? password, [FromServices] CreateAccount create, CancellationToken ct)
    {
        var parts = (scope ?? "").Split(':', 2);
        int? id = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var role = parts[0];
        var result = await create.RunAsync(new AccountFields(email, password, role,
            role == Roles.Reseller ? id : null, role == Roles.Client ? id : null), "page", ct);
        switch (result.Outcome)
        {
            case EditOutcome.NotFound: return NotFound();
            case EditOutcome.NotOwned: return Forbid();
            case EditOutcome.Saved:
                TempData["Flash"] = result.Message;
                return Redirect("/accounts");
            default:
                Error = "Administrator not added: " + string.Join(" ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                return await OnGetAsync(ct);
        }
    }

    /// <summary>Disables (disabled=true) or enables (false) the account.</summary>
    public Task<IActionResult> OnPostStatusAsync(int id, bool disabled, [FromServices] UpdateAccount update, CancellationToken ct) =>
        ChangeAsync(update.RunAsync(id, new AccountChange(disabled, null), "page", ct));

    public Task<IActionResult> OnPostPasswordAsync(int id, string? password, [FromServices] UpdateAccount update, CancellationToken ct) =>
        ChangeAsync(update.RunAsync(id, new AccountChange(null, password ?? ""), "page", ct));

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteAccount delete, CancellationToken ct)
    {
        var result = await delete.RunAsync(id, "page", ct);
        if (result.Outcome == DeleteOutcome.NotFound) return NotFound();
        TempData[result.Outcome == DeleteOutcome.Deleted ? "Flash" : "FlashError"] = result.Message;
        return Redirect("/accounts");
    }

    private async Task<IActionResult> ChangeAsync(Task<EditResult<SignIn>> change)
    {
        var result = await change;
        if (result.Outcome == EditOutcome.NotFound) return NotFound();
        TempData[result.Outcome == EditOutcome.Saved ? "Flash" : "FlashError"] = result.Outcome switch
        {
            EditOutcome.Saved => result.Message,
            EditOutcome.Invalid => "Not changed: " + string.Join(" ", result.Errors.Values.SelectMany(m => m)),
            _ => result.Message,
        };
        return Redirect("/accounts");
    }
}
