using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>What a reseller's provisioning credentials look like to the people who manage them (never the password).</summary>
public sealed record ProvisioningAccess(int ResellerId, string ResellerName, string Username, bool HasPassword, DateTime? PreviousValidUntil);

public enum CredentialOutcome { Done, NotFound, Forbidden }

public sealed record CredentialResult<T>(CredentialOutcome Outcome, T? Value, string Message);

/// <summary>
/// A reseller's provisioning username and password: read, set a new generated password (shown once;
/// the previous one keeps working for Provisioning:PreviousPasswordHours), retire the previous one.
/// Called by the API and the Provisioning page alike. Only platform and reseller administrators
/// (<see cref="Caller.CanManageProvisioning"/>, else 403); a reseller outside the caller's
/// <see cref="Tenant.Resellers"/> is 404.
/// </summary>
public sealed class ProvisioningCredentials(SwitchboardDb db, Tenant tenant, IOptions<ProvisioningOptions> options, ProvisioningAccounts accounts)
{
    /// <summary>Generated passwords: 32 characters of 62 (190 bits), typed into phones and portals without escaping.</summary>
    public const int PasswordLength = 32;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string UsernameOf(int resellerId) => $"reseller-{resellerId}";

    public const string Refused = "Only platform and reseller administrators manage provisioning credentials.";

    public async Task<CredentialResult<ProvisioningAccess>> GetAsync(int resellerId, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return new(CredentialOutcome.Forbidden, null, Refused);
        var reseller = await tenant.Resellers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resellerId, ct);
        if (reseller is null) return new(CredentialOutcome.NotFound, null, $"Reseller {resellerId} was not found.");
        var row = await db.ResellerProvisioning.AsNoTracking().Where(p => p.ResellerId == resellerId)
            .Select(p => new { p.PreviousValidUntil }).FirstOrDefaultAsync(ct);
        var previous = row?.PreviousValidUntil is { } until && until > DateTime.UtcNow ? until : (DateTime?)null;
        return new(CredentialOutcome.Done, new ProvisioningAccess(reseller.Id, reseller.Name, UsernameOf(reseller.Id), row is not null, previous), "");
    }

    /// <summary>A new generated password, current at once; the one before stays valid for the grace period.</summary>
    public async Task<CredentialResult<(string Username, string Password)>> SetPasswordAsync(int resellerId, string source, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return new(CredentialOutcome.Forbidden, default, Refused);
        var reseller = await tenant.Resellers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resellerId, ct);
        if (reseller is null) return new(CredentialOutcome.NotFound, default, $"Reseller {resellerId} was not found.");
        var password = RandomNumberGenerator.GetString(Alphabet, PasswordLength);
        var now = DateTime.UtcNow;
        var row = await db.ResellerProvisioning.FirstOrDefaultAsync(p => p.ResellerId == resellerId, ct);
        if (row is null)
            db.ResellerProvisioning.Add(new ResellerProvisioning { ResellerId = resellerId, Password = password, SetAt = now });
        else
        {
            row.PreviousPassword = row.Password;
            row.PreviousValidUntil = now.AddHours(options.Value.PreviousPasswordHours);
            row.Password = password;
            row.SetAt = now;
        }
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, null, "provisioning.password-set", "reseller", reseller.Id, reseller.Name,
            details: row is null ? "first provisioning password" : $"previous password valid until {now.AddHours(options.Value.PreviousPasswordHours):u}"));
        await db.SaveChangesAsync(ct);
        accounts.Forget(resellerId);
        return new(CredentialOutcome.Done, (UsernameOf(resellerId), password), "");
    }

    /// <summary>The previous password stops working now (on this instance at once, on others within the credential cache's lifetime).</summary>
    public async Task<CredentialResult<ProvisioningAccess>> RetirePreviousAsync(int resellerId, string source, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageProvisioning) return new(CredentialOutcome.Forbidden, null, Refused);
        var reseller = await tenant.Resellers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resellerId, ct);
        if (reseller is null) return new(CredentialOutcome.NotFound, null, $"Reseller {resellerId} was not found.");
        var row = await db.ResellerProvisioning.FirstOrDefaultAsync(p => p.ResellerId == resellerId, ct);
        var had = row?.PreviousPassword is not null && row.PreviousValidUntil > DateTime.UtcNow;
        if (row is not null) (row.PreviousPassword, row.PreviousValidUntil) = (null, null);
        // Recorded even when there was nothing left to retire: someone decided the old password must stop working.
        db.AuditEntries.Add(AuditLog.Entry(tenant.Caller, source, null, "provisioning.previous-retired", "reseller", reseller.Id, reseller.Name,
            details: had ? "the previous password no longer works" : "there was no previous password in its grace period"));
        await db.SaveChangesAsync(ct);
        accounts.Forget(resellerId);
        return await GetAsync(resellerId, ct);
    }
}
