using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Accounts;

/// <summary>
/// Creates an administrator sign-in (API and pages). The caller has already checked that the actor
/// may act on the reseller or client named; this checks the email and password and records it.
/// </summary>
public sealed class CreateAccount(SwitchboardDb db, Passwords passwords)
{
    public sealed record Result(SignIn? Account, Dictionary<string, string> Errors);

    public const string Taken = "Is already used by another account (emails are unique across the whole system).";

    public async Task<Result> RunAsync(Caller actor, string source, string? email, string? password, string role,
        int? resellerId, int? clientId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        email = email?.Trim() ?? "";
        if (EmailValue.Check(email) is { } e) errors["email"] = e;
        if (WebPasswordValue.Check(password ?? "", email, null) is { } p) errors["password"] = p;
        var normalized = EmailValue.Normalize(email);
        if (errors.Count == 0 && await db.SignIns.AnyAsync(s => s.NormalizedEmail == normalized, ct)) errors["email"] = Taken;
        if (errors.Count > 0) return new Result(null, errors);
        var account = new SignIn
        {
            Email = email, NormalizedEmail = normalized, PasswordHash = passwords.Hash(password!), Role = role,
            ResellerId = resellerId, ClientId = clientId, CreatedAt = DateTime.UtcNow,
        };
        db.SignIns.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Result(null, new Dictionary<string, string> { ["email"] = Taken }); // lost a race for the same email
        }
        db.AuditEntries.Add(AuditLog.Entry(actor, source, clientId, "account.create", "account", account.Id, $"{role} {email}"));
        await db.SaveChangesAsync(ct);
        return new Result(account, errors);
    }
}
