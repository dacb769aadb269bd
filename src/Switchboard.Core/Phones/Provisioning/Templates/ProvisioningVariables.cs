namespace Switchboard.Core.Phones.Provisioning.Templates;

/// <summary>
/// The variables a provisioning template may read (phones.md, "Templates are Liquid"), in the
/// spec's order. Saving refuses a template that reads any other name it does not define itself.
/// </summary>
public static class ProvisioningVariables
{
    public static readonly (string Name, string Meaning)[] All =
    [
        ("extension", "the user's extension"),
        ("phone_secret", "the user's SIP password"),
        ("first_name", "first name"),
        ("last_name", "last name"),
        ("display_name", "first name, a space, last name"),
        ("email", "email as stored"),
        ("department", "department as stored (empty when none)"),
        ("client_name", "the client's name"),
        ("language", "the user's language code, or the client's default"),
        ("sip_domain", "the client's SIP domain (the user's SIP realm)"),
        ("sip_server", "Sip:Server from configuration (host or host:port), else the SIP domain"),
        ("mac", "the phone's MAC, lower case, no separators (empty for a softphone user)"),
        ("mac_colons", "the phone's MAC as AA:BB:CC:DD:EE:FF"),
        ("dnd_on", "do not disturb, a Liquid boolean (true / false)"),
        ("call_waiting_on", "call waiting, a Liquid boolean (true / false)"),
        ("forward_number", "forward number as a dial string, empty when none"),
        ("followme_number", "follow-me number as a dial string, empty when none"),
        ("provisioning_url", "the URL phones fetch their configuration from"),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>"extension, phone_secret, ...": the list a refusal names.</summary>
    public static readonly string List = string.Join(", ", All.Select(v => v.Name));
}
