using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users;

/// <summary>
/// A PBX user changing their own settings, the one command behind the self-service page and
/// PUT /api/v1/me/settings: a new web password needs the current one, only the self-service columns
/// are taken, and the rest is <see cref="SaveUser"/> like every other path.
/// </summary>
public sealed class SaveOwnSettings(SwitchboardDb db, SaveUser save, CurrentPassword currentPassword)
{
    /// <summary>Either the message for <see cref="CurrentPassword.Field"/> (nothing saved), or the save's plan.</summary>
    public sealed record Result(string? CurrentPasswordError, RowPlan? Plan);

    public async Task<Result> RunAsync(Caller caller, UserInput input, string? current, CancellationToken ct)
    {
        if (!caller.CanUseSelfService) throw new InvalidOperationException("Only a PBX user has self-service settings.");
        // Whatever the caller filled in, only what a person may change about themselves reaches the planner.
        var own = UserInput.Empty(0);
        foreach (var c in UserColumns.SelfService) own.Cells[(int)c] = input[c];
        own.Cells[(int)UserColumn.Id] = caller.Id.ToString(CultureInfo.InvariantCulture);
        if (await currentPassword.CheckAsync(caller.Id, own[UserColumn.WebPassword], current, ct) is { } wrong) return new(wrong, null);
        var clientId = await db.Users.AsNoTracking().Where(u => u.Id == caller.Id).Select(u => u.ClientId).FirstAsync(ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId, ct);
        return new(null, await save.RunAsync(client, own, caller, "self-service", ct));
    }
}
