namespace Switchboard.Core.Tenancy;

public static class Roles
{
    public const string Admin = "admin";
    public const string Reseller = "reseller";
    public const string Client = "client";
    public const string User = "user";
}

/// <summary>Who is asking: the signed-in identity and the tenant it belongs to.</summary>
public sealed record Caller(int Id, string Email, string Role, int? ResellerId, int? ClientId)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsReseller => Role == Roles.Reseller;
    public bool IsClient => Role == Roles.Client;
    public bool IsUser => Role == Roles.User;
    /// <summary>Administrators of some scope (not PBX users).</summary>
    public bool IsAdministrator => Role is Roles.Admin or Roles.Reseller or Roles.Client;
    /// <summary>Where the request came from (after trusted proxies), for the audit log.</summary>
    public string? Address { get; init; }
}
