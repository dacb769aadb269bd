using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Registrar;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users;

/// <summary>
/// Creates or changes one user (API, web form, self-service) through exactly the planner and writer
/// the import uses: one set of rules, one write path.
/// </summary>
public sealed class SaveUser(SwitchboardDb db, Passwords passwords, PhoneSync phones)
{
    public async Task<RowPlan> RunAsync(Client client, UserInput input, Caller caller, string source, CancellationToken ct)
    {
        var password = input[UserColumn.WebPassword] is { Length: > 0 } pw ? passwords.Hash(pw) : null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitAsync(client, input, password, caller, source, ct);
            }
            catch (Exception e) when (attempt < 3 && UserBatch.LostRace(db, e))
            {
                // A concurrent writer (an import, another edit) took a unique value first: judged again
                // on the new state, the request gets the usual "already used" answer.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RowPlan> CommitAsync(Client client, UserInput input, string? password, Caller caller, string source, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new UserBatch(db, client);
        var plan = batch.Plan([input])[0];
        if (!plan.Changes) return plan;
        plan.NewPasswordHash = plan.NewPassword is null ? null : password;
        batch.Apply([plan], DateTime.UtcNow, AuditStamp.Of(caller, source));
        await tx.CommitAsync(ct);
        phones.AfterChanges([plan], client.SipDomain);
        return plan;
    }
}
