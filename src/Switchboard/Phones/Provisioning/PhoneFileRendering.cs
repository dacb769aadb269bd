using Switchboard.Core.Phones.Provisioning;
using Switchboard.Core.Phones.Provisioning.Templates;

namespace Switchboard.Web.Phones.Provisioning;

/// <summary>A phone's file: its template rendered by the one Liquid renderer with the one set of values (the preview uses the same).</summary>
public static class PhoneFileRendering
{
    public static string Render(ProvisioningTemplates templates, PhoneFile phone, string? sipServer, string provisioningUrl) =>
        templates.Render(phone.TemplateId, phone.TemplateBody,
            ProvisioningValues.For(phone.User, phone.Email, phone.Client, sipServer, provisioningUrl));
}
