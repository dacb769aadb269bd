using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Accounts;

/// <summary>A new administrator account as typed (API body or form): role "admin", "reseller" (with ResellerId) or "client" (with ClientId).</summary>
public sealed record AccountFields(string? Email, string? Password, string? Role, int? ResellerId, int? ClientId);

/// <summary>
/// Creates an administrator sign-in (API and pages) in the caller's scope: platform administrators by
/// the platform administrator, reseller administrators for a reseller it sees, client administrators
/// for a client it sees.
/// </summary>
public sealed class CreateAccount(SwitchboardDb db, Tenant tenant, Passwords passwords)
{
    public const string Taken = "Is already used by another account (emails are unique across the whole system).";

    public async Task<EditResult<SignIn>> RunAsync(AccountFields f, string source, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (!caller.CanManageAccounts) return EditResult<SignIn>.NotOwned("PBX users do not create accounts.");
        int? resellerId = null, clientId = null;
        switch (f.Role)
        {
            case Roles.Reseller:
                if (f.ResellerId is not { } rid) return EditResult<SignIn>.Invalid("resellerId", "Give the reseller's ID.");
                if (!await tenant.Resellers.AnyAsync(r => r.Id == rid, ct)) return EditResult<SignIn>.NotFound($"Reseller {rid} was not found.");
                resellerId = rid;
                break;
            case Roles.Client:
                if (f.ClientId is not { } cid) return EditResult<SignIn>.Invalid("clientId", "Give the client's ID.");
                if (tenant.ClientFor(cid) is null) return EditResult<SignIn>.NotFound($"Client {cid} was not found.");
                clientId = cid;
                break;
            case Roles.Admin:
                break;
            default:
                return EditResult<SignIn>.Invalid("role", "Use \"reseller\" or \"client\" (or \"admin\").");
        }
        if (!caller.CanCreateAccount(f.Role))
            return EditResult<SignIn>.NotOwned(f.Role == Roles.Admin
                ? "Only platform administrators create platform administrators."
                : "Client administrators cannot create reseller accounts.");

        var errors = new Dictionary<string, string[]>();
        var email = f.Email?.Trim() ?? "";
        if (EmailValue.Check(email) is { } e) errors["email"] = [e];
        if (WebPasswordValue.Check(f.Password ?? "", email, null) is { } p) errors["password"] = [p];
        var normalized = EmailValue.Normalize(email);
        if (errors.Count == 0 && await db.SignIns.AnyAsync(s => s.NormalizedEmail == normalized, ct)) errors["email"] = [Taken];
        if (errors.Count > 0) return EditResult<SignIn>.Invalid(errors);
        var account = new SignIn
        {
            Email = email, NormalizedEmail = normalized, PasswordHash = passwords.Hash(f.Password!), Role = f.Role!,
            ResellerId = resellerId, ClientId = clientId, CreatedAt = DateTime.UtcNow,
        };
        db.SignIns.Add(account);
        try
        {
            await db.SaveWithAuditAsync(() => [AuditLog.Entry(caller, source, clientId, "account.create", "account", account.Id, $"{f.Role} {email}")], ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return EditResult<SignIn>.Invalid("email", Taken); // lost a race for the same email
        }
        return EditResult<SignIn>.Saved(account, $"{email} can now sign in as {Describe(account)}.");
    }

    public static string Describe(SignIn a) => a.Role switch
    {
        Roles.Admin => "a platform administrator",
        Roles.Reseller => $"an administrator of reseller {a.ResellerId}",
        _ => $"an administrator of client {a.ClientId}",
    };
}
