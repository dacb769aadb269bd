namespace Switchboard.Core.Registrar;

/// <summary>The registrars' part of configuration section "Sip".</summary>
public sealed class RegistrarOptions
{
    /// <summary>Each registrar's JSON-RPC URL (Kamailio's jsonrpcs over HTTP), e.g. <c>http://127.0.0.1:5071/RPC</c>.</summary>
    public string[] Registrars { get; set; } = [];

    /// <summary>How long one registrar may take to answer before it counts as not answering.</summary>
    public int RegistrarTimeoutMilliseconds { get; set; } = 1500;

    /// <summary>How long a bulk read of the registrations is reused before the registrars are asked again.</summary>
    public int RegistrationsCacheSeconds { get; set; } = 5;
}
