using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Phones.Provisioning;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Provisioning;

/// <summary>
/// A reseller's provisioning credentials: the URL and username phones use, a new generated password
/// (shown once, in the answer to the button), retiring the previous one. Reseller administrators see
/// their own; the platform administrator picks a reseller. Same command as the API.
/// </summary>
public sealed class IndexModel(Tenant tenant, ProvisioningCredentials credentials, IConfiguration config) : PageModel
{
    public ProvisioningAccess? Access { get; private set; }
    public string FetchUrl { get; private set; } = "";
    /// <summary>The reseller named in the address (the platform administrator's pick), for the forms to post back to.</summary>
    public int? RouteId { get; private set; }
    /// <summary>
    /// Where a button posts. Written out, not left to the form tag helper: for a reseller's own page
    /// (no ID in the address) it generated an empty action, so the buttons posted to no handler.
    /// </summary>
    public string HandlerUrl(string handler) => (RouteId is { } id ? $"/phone-provisioning/{id}" : "/phone-provisioning") + "?handler=" + handler;
    /// <summary>The password just set: shown in this answer only.</summary>
    public string? NewPassword { get; private set; }
    /// <summary>The resellers the platform administrator can pick from (when none is picked).</summary>
    public List<(int Id, string Name)> Resellers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return Redirect("/");
        RouteId = id;
        var resellerId = id ?? tenant.Caller.ResellerId;
        if (resellerId is null)
        {
            Resellers = [.. (await tenant.Resellers.OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Name))];
            return Page();
        }
        return await ShowAsync(await credentials.GetAsync(resellerId.Value, ct));
    }

    public async Task<IActionResult> OnPostPasswordAsync(int? id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return Redirect("/");
        RouteId = id;
        var resellerId = id ?? tenant.Caller.ResellerId;
        if (resellerId is null) return NotFound();
        var set = await credentials.SetPasswordAsync(resellerId.Value, "page", ct);
        if (set.Outcome == CredentialOutcome.NotFound) return NotFound();
        NewPassword = set.Value.Password;
        return await ShowAsync(await credentials.GetAsync(resellerId.Value, ct));
    }

    public async Task<IActionResult> OnPostRetireAsync(int? id, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return Redirect("/");
        RouteId = id;
        var resellerId = id ?? tenant.Caller.ResellerId;
        if (resellerId is null) return NotFound();
        var r = await credentials.RetirePreviousAsync(resellerId.Value, "page", ct);
        if (r.Outcome == CredentialOutcome.NotFound) return NotFound();
        TempData["Flash"] = "The previous provisioning password no longer works.";
        return Redirect(id is null ? "/phone-provisioning" : $"/phone-provisioning/{id}");
    }

    private Task<IActionResult> ShowAsync(CredentialResult<ProvisioningAccess> r)
    {
        if (r.Outcome == CredentialOutcome.NotFound) return Task.FromResult<IActionResult>(NotFound());
        Access = r.Value;
        FetchUrl = Switchboard.Core.Phones.Provisioning.Templates.ProvisioningValues.PublicUrl(config, Request);
        return Task.FromResult<IActionResult>(Page());
    }
}
