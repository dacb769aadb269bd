using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Accounts;

/// <summary>What keeps the platform run by someone: nobody disables or deletes itself, and the last enabled platform administrator stays.</summary>
public static class AccountRules
{
    public const string NotYourself =
        "An account does not disable or delete itself. Ask another administrator of your scope.";

    public const string OwnPassword =
        "Your own password is changed with your current one (PUT /api/v1/me/settings with \"currentPassword\"), not here.";

    public const string LastAdmin =
        "This is the last enabled platform administrator: add or enable another one first, so someone can still run the platform.";

    /// <summary>
    /// True when <paramref name="target"/> is the only enabled platform administrator. Call it inside the
    /// transaction that then changes the account: on PostgreSQL the administrators' rows are locked
    /// first, so two administrators disabling each other at once cannot both pass (SQLite transactions
    /// already write one at a time).
    /// </summary>
    public static async Task<bool> IsLastAdminAsync(SwitchboardDb db, SignIn target, CancellationToken ct)
    {
        if (target.Role != Roles.Admin || target.DisabledAt is not null) return false;
        await Dialect.For(db.Database).LockRowsAsync(db.Database, "SignIns", "t.\"Role\" = 'admin'", ct);
        return !await db.SignIns.AnyAsync(s => s.Role == Roles.Admin && s.DisabledAt == null && s.Id != target.Id, ct);
    }
}
