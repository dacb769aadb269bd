using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Sip;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Plans and writes users of one client inside the caller's open transaction: the one write path
/// of the import, the single-user API and pages, and the demo seed.
/// </summary>
public sealed class UserBatch
{
    private readonly SwitchboardDb _db;
    private readonly Client _client;
    private readonly Dialect _dialect;
    private string? _sipDomain;

    public UserBatch(SwitchboardDb db, Client client)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A user batch runs inside a transaction.");
        (_db, _client, _dialect) = (db, client, Dialect.For(db.Database));
    }

    /// <summary>
    /// Judges the rows against the state inside this transaction. With <paramref name="forWriting"/>
    /// the users the rows name stay locked until the transaction ends (see <see cref="Dialect.LockRowsSql"/>).
    /// </summary>
    public List<RowPlan> Plan(IReadOnlyList<UserInput> inputs, bool forWriting = true)
    {
        // The client's row first, then its users' (as a change of its SIP domain takes them), so the two never deadlock.
        if (forWriting) _sipDomain = SipCredentials.DomainOf(_dialect, _db.Database.GetDbConnection(), _db.Database.CurrentTransaction!.GetDbTransaction(), _client.Id);
        var state = new SqlUserState(_db.Database.GetDbConnection(), _db.Database.CurrentTransaction!.GetDbTransaction(), _dialect, forWriting);
        return new Planner(PlanContextLoader.Load(_db, _client), state).Plan(inputs);
    }

    /// <summary>See <see cref="Dialect.LostRace"/>.</summary>
    public static bool LostRace(SwitchboardDb db, Exception e) => Dialect.For(db.Database).LostRace(e);

    /// <summary>
    /// Locks the client's row (and reads its SIP domain) before the caller locks its users, in the order
    /// <see cref="Plan"/> takes them (an undo plans on its own, see Users/Undo).
    /// </summary>
    public void LockClient() =>
        _sipDomain = SipCredentials.DomainOf(_dialect, _db.Database.GetDbConnection(), _db.Database.CurrentTransaction!.GetDbTransaction(), _client.Id);

    /// <summary>
    /// Writes the changed rows, each with its audit entry stamped <paramref name="stamp"/>; an import
    /// passes its ID as <paramref name="beforeImagesOf"/> to keep what it changes for its undo.
    /// </summary>
    public void Apply(IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp, int? beforeImagesOf = null)
    {
        var connection = _db.Database.GetDbConnection();
        var transaction = _db.Database.CurrentTransaction!.GetDbTransaction();
        _sipDomain ??= SipCredentials.DomainOf(_dialect, connection, transaction, _client.Id);
        new UserApplier(_dialect, connection, transaction, _sipDomain).Apply(plans, now, stamp, beforeImagesOf);
        if (plans.Any(p => p.Changes)) Phones.Provisioning.PhoneFileStamps.StampAtCommit(_db);
    }
}
