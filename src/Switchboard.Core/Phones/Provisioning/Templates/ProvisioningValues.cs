using Fluid;
using Fluid.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning.Templates;

/// <summary>
/// What a provisioning template renders for one user: every variable of phones.md's table, built in
/// one place (<see cref="For"/>) so the provisioning endpoint and the preview render the same values.
/// </summary>
public sealed record ProvisioningValues
{
    /// <summary>What a preview shows instead of the phone secret.</summary>
    public const string MaskedSecret = "••••••";

    public required string Extension { get; init; }
    public required string PhoneSecret { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required string Department { get; init; }
    public required string ClientName { get; init; }
    public required string Language { get; init; }
    public required string SipDomain { get; init; }
    public required string SipServer { get; init; }
    /// <summary>Lower case, no separators; empty for a user without a desk phone.</summary>
    public required string Mac { get; init; }
    /// <summary>AA:BB:CC:DD:EE:FF; empty for a user without a desk phone.</summary>
    public required string MacColons { get; init; }
    public required bool DndOn { get; init; }
    public required bool CallWaitingOn { get; init; }
    public required string ForwardNumber { get; init; }
    public required string FollowmeNumber { get; init; }
    public required string ProvisioningUrl { get; init; }

    public string DisplayName => $"{FirstName} {LastName}";

    /// <summary>
    /// The values for <paramref name="user"/> (its phone secret already opened, as EF Core reads it) of
    /// <paramref name="client"/>. <paramref name="email"/> is the user's sign-in email (the SignIn row
    /// with the user's Id); <paramref name="sipServer"/> is configuration's <c>Sip:Server</c> (null or
    /// empty: the client's SIP domain); <paramref name="provisioningUrl"/> what <see cref="PublicUrl"/> gives.
    /// </summary>
    public static ProvisioningValues For(PbxUser user, string email, Client client, string? sipServer, string provisioningUrl)
    {
        var mac = user.MacAddress is { Length: > 0 } m ? Users.Values.MacValue.Normalize(m) ?? "" : "";
        return new ProvisioningValues
        {
            Extension = user.Extension, PhoneSecret = user.PhoneSecret,
            FirstName = user.FirstName, LastName = user.LastName, Email = email,
            Department = user.Department ?? "", ClientName = client.Name,
            Language = string.IsNullOrEmpty(user.Language) ? client.DefaultLanguage : user.Language,
            SipDomain = client.SipDomain,
            SipServer = string.IsNullOrWhiteSpace(sipServer) ? client.SipDomain : sipServer.Trim(),
            Mac = mac.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant(), MacColons = mac,
            DndOn = user.DndOn, CallWaitingOn = user.CallWaitingOn,
            ForwardNumber = user.ForwardNumber ?? "", FollowmeNumber = user.FollowmeNumber ?? "",
            ProvisioningUrl = provisioningUrl,
        };
    }

    /// <summary>The same values with the phone secret shown as <see cref="MaskedSecret"/> (previews).</summary>
    public ProvisioningValues Masked() => this with { PhoneSecret = MaskedSecret };

    /// <summary>
    /// The URL phones fetch from: <c>Provisioning:PublicUrl</c>, else this request's scheme and host
    /// followed by <c>/provisioning/</c> (phones.md).
    /// </summary>
    public static string PublicUrl(IConfiguration config, HttpRequest request) =>
        config["Provisioning:PublicUrl"] is { Length: > 0 } url ? url : $"{request.Scheme}://{request.Host}{request.PathBase}/provisioning/";

    internal void CopyTo(TemplateContext context)
    {
        context.SetValue("extension", StringValue.Create(Extension));
        context.SetValue("phone_secret", StringValue.Create(PhoneSecret));
        context.SetValue("first_name", StringValue.Create(FirstName));
        context.SetValue("last_name", StringValue.Create(LastName));
        context.SetValue("display_name", StringValue.Create(DisplayName));
        context.SetValue("email", StringValue.Create(Email));
        context.SetValue("department", StringValue.Create(Department));
        context.SetValue("client_name", StringValue.Create(ClientName));
        context.SetValue("language", StringValue.Create(Language));
        context.SetValue("sip_domain", StringValue.Create(SipDomain));
        context.SetValue("sip_server", StringValue.Create(SipServer));
        context.SetValue("mac", StringValue.Create(Mac));
        context.SetValue("mac_colons", StringValue.Create(MacColons));
        context.SetValue("dnd_on", DndOn ? BooleanValue.True : BooleanValue.False);
        context.SetValue("call_waiting_on", CallWaitingOn ? BooleanValue.True : BooleanValue.False);
        context.SetValue("forward_number", StringValue.Create(ForwardNumber));
        context.SetValue("followme_number", StringValue.Create(FollowmeNumber));
        context.SetValue("provisioning_url", StringValue.Create(ProvisioningUrl));
    }
}
