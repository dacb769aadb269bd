using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Switchboard.Core.Audit;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// What each database does its own way on the bulk path: how a query receives a set of keys, and
/// how a plan is written. Everything else (the SQL of the reads, planning, reports) is shared.
/// </summary>
public abstract class UserStore
{
    public static UserStore For(DatabaseFacade database) =>
        database.IsNpgsql() ? PostgresUserStore.Instance : SqliteUserStore.Instance;

    /// <summary>SQL that is true when <paramref name="column"/> is one of the keys in <paramref name="parameter"/>.</summary>
    public abstract string IsOneOf(string column, string parameter);

    /// <summary>The parameter value carrying <paramref name="keys"/> for <see cref="IsOneOf"/>.</summary>
    public abstract object KeysValue<T>(IReadOnlyCollection<T> keys);

    /// <summary>
    /// Appended to the query that loads the users a plan changes, so that a concurrent edit of the
    /// same user waits for this transaction and then plans on what it wrote (and the other way round).
    /// </summary>
    public abstract string LockUsersSql { get; }

    /// <summary>
    /// The transaction lost a race another one won (a unique value taken meanwhile, a deadlock): it
    /// was rolled back and planning again on the new state gives each row its true outcome.
    /// </summary>
    public abstract bool LostRace(Exception e);

    /// <summary>
    /// Writes created and updated rows inside the caller's transaction, swaps included, and one audit
    /// entry per written row (<paramref name="stamp"/> says who and from where), in the same transaction.
    /// </summary>
    public abstract void Apply(DbConnection connection, DbTransaction transaction, IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp);
}
