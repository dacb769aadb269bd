using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Phones.Provisioning.Templates;

public enum PreviewOutcome { Rendered, TemplateNotFound, UserNotFound, CannotRender }

/// <summary>What a preview rendered (the phone secret masked), or why it could not; <see cref="Problem"/> flags a stored template saving would now refuse.</summary>
public sealed record PreviewResult(PreviewOutcome Outcome, string? Rendered, string Message, string? Problem = null);

/// <summary>
/// Renders a template the caller can see for one of the caller's users, with the phone secret shown as
/// <see cref="ProvisioningValues.MaskedSecret"/>: the API's preview and the template page's. A template or
/// user of another tenant answers exactly like one that does not exist.
/// </summary>
public sealed class PreviewTemplate(SwitchboardDb db, Tenant tenant, ProvisioningTemplates templates, IOptions<SipOptions> sip)
{
    public async Task<PreviewResult> RunAsync(int templateId, int userId, string provisioningUrl, CancellationToken ct)
    {
        var template = tenant.Caller.CanSeeAdministration
            ? await tenant.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct) : null;
        var user = template is null ? null : await tenant.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        // One answer whichever is missing (or another tenant's), so every 404 of the preview reads the same.
        if (template is null || user is null)
            return new(template is null ? PreviewOutcome.TemplateNotFound : PreviewOutcome.UserNotFound, null,
                $"Provisioning template {templateId} or user {userId} was not found.");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == user.ClientId, ct);
        var email = await db.SignIns.Where(s => s.Id == user.Id).Select(s => s.Email).FirstAsync(ct);
        var values = ProvisioningValues.For(user, email, client, sip.Value.Server, provisioningUrl).Masked();
        try
        {
            var rendered = templates.Render(template, values);
            return new(PreviewOutcome.Rendered, rendered, $"Template {templateId} rendered for user {userId}.", templates.Parsed(template.Id, template.Body).Problem);
        }
        catch (ProvisioningTemplateException e)
        {
            return new(PreviewOutcome.CannotRender, null, e.Message);
        }
    }
}
