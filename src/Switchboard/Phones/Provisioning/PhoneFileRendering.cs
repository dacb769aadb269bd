using Switchboard.Core.Phones.Provisioning;

namespace Switchboard.Web.Phones.Provisioning;

/// <summary>A phone's file as the template renders it for its user (the Liquid renderer of Phones/Provisioning/Templates).</summary>
public static class PhoneFileRendering
{
    // TODO(provisioning): call the Liquid renderer once it is on main.
    public static string Render(PhoneFile phone, string provisioningUrl) => phone.TemplateBody;
}
