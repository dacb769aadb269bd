namespace Switchboard.Core.Data;

public sealed class Reseller
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

public sealed class Client
{
    public int Id { get; set; }
    public int ResellerId { get; set; }
    public required string Name { get; set; }
    public required string DefaultLanguage { get; set; }
    public required string SipDomain { get; set; }
}

/// <summary>
/// One row per email that can sign in: platform, reseller and client administrators, and PBX users.
/// Keeping every email in this one table lets the database itself enforce system-wide uniqueness.
/// A PBX user's <see cref="PbxUser"/> row shares this row's Id.
/// </summary>
public sealed class SignIn
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public string? PasswordHash { get; set; }
    public required string Role { get; set; }
    public int? ResellerId { get; set; }
    public int? ClientId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Wrong passwords in a row; reaching the lockout threshold locks the account for a while.</summary>
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    /// <summary>When an administrator disabled this account (null: enabled). A disabled account's sign-in is refused like a wrong password.</summary>
    public DateTime? DisabledAt { get; set; }
    /// <summary>
    /// Every portal session and API token carries the stamp its account had when it began, and holds only
    /// while the account still has it: a new one (see <see cref="Accounts.Sessions.NewStamp"/>) ends them all at once.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
}

public sealed class PbxUser
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string PhoneSecret { get; set; }
    public required string VoicemailPin { get; set; }
    public required string Extension { get; set; }
    public string? Department { get; set; }
    public string? Language { get; set; }
    public int? PhoneModelId { get; set; }
    public int? ProvisioningTemplateId { get; set; }
    public string? MacAddress { get; set; }
    public int? UserProfileId { get; set; }
    public string? ForwardNumber { get; set; }
    public string? FollowmeNumber { get; set; }
    public bool DndOn { get; set; }
    public bool CallWaitingOn { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>When the user's desk phone last fetched its configuration (written in batches; not a change to the user's data).</summary>
    public DateTime? ProvisionedAt { get; set; }
    /// <summary>The User-Agent of that fetch, cut to 256 characters.</summary>
    public string? ProvisionedUserAgent { get; set; }
}

/// <summary>
/// A reseller's provisioning credentials (one username, derived from the reseller's ID, and a generated
/// password). Passwords are sealed like phone secrets: HTTP Digest needs the plain text (or an HA1 per
/// realm and algorithm), so a one-way hash cannot be kept (docs/decisions.md, "Provisioning").
/// </summary>
public sealed class ResellerProvisioning
{
    public int ResellerId { get; set; }
    public required string Password { get; set; }
    public string? PreviousPassword { get; set; }
    /// <summary>Until when the previous password still opens files (null: there is none).</summary>
    public DateTime? PreviousValidUntil { get; set; }
    public DateTime SetAt { get; set; }
}

/// <summary>
/// One row (Id 1) whose <see cref="Stamp"/> gets a new random value in the same transaction as every
/// change to what a desk phone's file or its provisioning credentials are made of, so every instance
/// knows with one small read whether what it keeps in memory for provisioning is still right
/// (Phones/Provisioning/PhoneFileStamps; docs/decisions.md, "Boot storm").
/// </summary>
public sealed class PhoneFileStamp
{
    public int Id { get; set; }
    public long Stamp { get; set; }
}

public sealed class PhoneModel
{
    public int Id { get; set; }
    public required string Vendor { get; set; }
    public required string Model { get; set; }
}

/// <summary>Owned by the system (both owner ids null), a reseller or a client.</summary>
public sealed class ProvisioningTemplate
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int PhoneModelId { get; set; }
    public required string Body { get; set; }
    public int? ResellerId { get; set; }
    public int? ClientId { get; set; }
}

public sealed class UserProfile
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string Name { get; set; }
}

/// <summary>An API bearer token or a portal session (its cookie carries the token): one row each, so either can end alone.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public int SignInId { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>The account's <see cref="SignIn.SecurityStamp"/> when it was issued: it holds only while the two are equal.</summary>
    public string SecurityStamp { get; set; } = "";
}

public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class ImportKind
{
    public const string Import = "import";
    /// <summary>Reverts a completed import (see Users/Undo).</summary>
    public const string Undo = "undo";
}

public sealed class ImportJob
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    /// <summary><see cref="ImportKind"/>: an import of a file, or the undo of import <see cref="Undoes"/>.</summary>
    public string Kind { get; set; } = ImportKind.Import;
    public int? Undoes { get; set; }
    /// <summary>The undo job that reverted this import, set in that undo's transaction.</summary>
    public int? UndoneBy { get; set; }
    /// <summary>An undo's users deleted or restored (its other rows are in <see cref="Failed"/>).</summary>
    public int Reverted { get; set; }
    public int SignInId { get; set; }
    public required string RunBy { get; set; }
    public required string FileName { get; set; }
    public bool DryRun { get; set; }
    public required string Status { get; set; }
    public int Rows { get; set; }
    public int Processed { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    public int Warnings { get; set; }
    public string? Message { get; set; }
    /// <summary>Error Log and warnings as JSON (see ImportReport).</summary>
    public string? ReportJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The uploader's address, recorded with every change the import makes.</summary>
    public string? Address { get; set; }
}

/// <summary>The uploaded bytes and the failed-rows file, apart from the job so lists stay light.</summary>
public sealed class ImportFile
{
    public int ImportJobId { get; set; }
    public required byte[] Content { get; set; }
    public byte[]? FailedRowsCsv { get; set; }
}

/// <summary>
/// What a user looked like before an import changed it (see Users/Undo): one row per user the import
/// created (<see cref="Created"/>, no values) or updated (every field of users.csv as stored, so the
/// secrets stay sealed, plus the sign-in's email and password hash). The field columns are shadow
/// properties made from the field table (UserColumns.Written) in the model. Deleted with the undo, or
/// when Import:UndoDays pass.
/// </summary>
public sealed class ImportBeforeImage
{
    public int ImportJobId { get; set; }
    public int UserId { get; set; }
    /// <summary>The import file's row (as a spreadsheet numbers it), so the undo's report names it.</summary>
    public int Row { get; set; }
    public bool Created { get; set; }
    public string? Email { get; set; }
    public string? PasswordHash { get; set; }
}

public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public required string Actor { get; set; }
    public required string Source { get; set; }
    public int? ClientId { get; set; }
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public int? EntityId { get; set; }
    public string? Details { get; set; }
    /// <summary>The caller's address (after trusted proxies), or the uploader's for an import's rows.</summary>
    public string? Address { get; set; }
    /// <summary>Who or what the entry is about, as it was then (kept readable after a delete).</summary>
    public string? Subject { get; set; }
    /// <summary>Changed fields as JSON (see Audit/AuditChanges); secrets only named, never their values.</summary>
    public string? Changes { get; set; }
}

/// <summary>The data key that seals phone secrets and PINs, wrapped by ASP.NET Core Data Protection (whose key ring is in this database too).</summary>
public sealed class SecretKey
{
    public int Id { get; set; }
    public required string WrappedKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
