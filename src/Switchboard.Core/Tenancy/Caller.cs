namespace Switchboard.Core.Tenancy;

public static class Roles
{
    public const string Admin = "admin";
    public const string Reseller = "reseller";
    public const string Client = "client";
    public const string User = "user";
}

/// <summary>
/// Who is asking: the signed-in identity and the tenant it belongs to, and what its role may do.
/// The Can* members are product.md's role table in one place: every endpoint, page and command asks
/// them instead of naming roles. They say what a role may do at all; which things it may do it to is
/// <see cref="Tenant"/>'s scope (a reseller manages the clients <see cref="Tenant.Clients"/> shows,
/// never another reseller's), so a thing out of scope answers 404 and a role without the right 403.
/// </summary>
public sealed record Caller(int Id, string Email, string Role, int? ResellerId, int? ClientId)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsReseller => Role == Roles.Reseller;
    public bool IsClient => Role == Roles.Client;
    public bool IsUser => Role == Roles.User;
    /// <summary>Administrators of some scope (not PBX users): they see their scope's clients, users, catalog, imports and audit log.</summary>
    public bool IsAdministrator => Role is Roles.Admin or Roles.Reseller or Roles.Client;
    /// <summary>Where the request came from (after trusted proxies), for the audit log.</summary>
    public string? Address { get; init; }

    /// <summary>Sees the administration (users, clients, catalog, imports, audit log) of its scope.</summary>
    public bool CanSeeAdministration => IsAdministrator;
    /// <summary>Sees resellers: the platform administrator all, a reseller administrator its own.</summary>
    public bool CanSeeResellers => IsAdmin || IsReseller;
    /// <summary>Creates, renames and deletes resellers.</summary>
    public bool CanManageResellers => IsAdmin;
    /// <summary>Creates, edits and deletes clients (of its reseller; the platform administrator any). Client administrators only see theirs.</summary>
    public bool CanManageClients => IsAdmin || IsReseller;
    /// <summary>Keeps the phone model catalog (everyone who administers sees it).</summary>
    public bool CanManagePhoneModels => IsAdmin;
    /// <summary>Creates templates for its scope and changes the ones its scope owns (<see cref="Tenant.Owns"/>).</summary>
    public bool CanManageTemplates => IsAdministrator;
    /// <summary>Creates, renames and deletes user profiles (resellers view them).</summary>
    public bool CanManageProfiles => IsClient || IsAdmin;
    /// <summary>Creates, changes and deletes PBX users (resellers view and export them).</summary>
    public bool CanManageUsers => IsClient || IsAdmin;
    /// <summary>Sees who is registered now, and asks registered desk phones to fetch their files again (<i>Resync phone</i>; it changes nothing stored).</summary>
    public bool CanResyncPhones => IsAdministrator;
    /// <summary>Exports users.csv of the clients it sees.</summary>
    public bool CanExportUsers => IsAdministrator;
    /// <summary>Imports users.csv into its own client (and undoes an import): client administrators only.</summary>
    public bool CanImportUsers => IsClient;
    /// <summary>Sees its scope's import history.</summary>
    public bool CanSeeImports => IsAdministrator;
    /// <summary>Reads the audit log of its scope.</summary>
    public bool CanSeeAuditLog => IsAdministrator;
    /// <summary>Lists, creates, disables, enables, sets passwords of and deletes the administrator accounts of its scope (<see cref="Tenant.Accounts"/>).</summary>
    public bool CanManageAccounts => IsAdministrator;
    /// <summary>Reads and sets its reseller's provisioning credentials (the platform administrator any reseller's; phones.md, "Who may fetch").</summary>
    public bool CanManageProvisioning => IsAdmin || IsReseller;
    /// <summary>Uses the self-service page (its own settings): PBX users.</summary>
    public bool CanUseSelfService => IsUser;

    /// <summary>
    /// Whether it may create an administrator account of <paramref name="role"/>: platform
    /// administrators only by the platform administrator, reseller administrators by it and by
    /// reseller administrators (of their own reseller), client administrators by every administrator
    /// (of a client in scope).
    /// </summary>
    public bool CanCreateAccount(string? role) => role switch
    {
        Roles.Admin => IsAdmin,
        Roles.Reseller => IsAdmin || IsReseller,
        Roles.Client => IsAdministrator,
        _ => false,
    };
}
