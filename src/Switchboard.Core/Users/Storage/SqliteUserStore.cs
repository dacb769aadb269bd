using System.Data.Common;
using System.Text.Json;
using Switchboard.Core.Audit;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Storage;

/// <summary>SQLite: keys travel as one JSON array read by json_each; writes are prepared statements.</summary>
public sealed class SqliteUserStore : UserStore
{
    public static readonly SqliteUserStore Instance = new();

    public override string IsOneOf(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object KeysValue<T>(IReadOnlyCollection<T> keys) => JsonSerializer.Serialize(keys);

    /// <summary>Every write transaction holds SQLite's one write lock from its start (BEGIN IMMEDIATE): nobody races.</summary>
    public override string LockUsersSql => "";

    public override bool LostRace(Exception e) => false;

    public override void Apply(DbConnection connection, DbTransaction transaction, IReadOnlyList<RowPlan> plans, DateTime now, AuditStamp stamp) =>
        new UserWriter(connection, transaction).Apply(plans, now, stamp);
}
