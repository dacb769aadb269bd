using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// Who may run a client's imports now. On PostgreSQL a session advisory lock per client, taken on
/// the very connection that runs the job: if the instance dies, the database ends that session,
/// which rolls back the job's transaction and frees the lock together, so another instance takes
/// the job up only once its half-done work is gone. On SQLite one instance owns the file and its
/// worker runs one job at a time, so the lock is always free.
/// </summary>
public abstract class ClientLocks
{
    public static ClientLocks For(DatabaseFacade database) => database.IsNpgsql() ? Postgres.Instance : Sqlite.Instance;

    /// <summary>Tries to take the client's lock on the context's open connection.</summary>
    public abstract Task<bool> TryLockAsync(DatabaseFacade database, int clientId, CancellationToken ct);

    public abstract Task UnlockAsync(DatabaseFacade database, int clientId);

    private sealed class Sqlite : ClientLocks
    {
        public static readonly Sqlite Instance = new();
        public override Task<bool> TryLockAsync(DatabaseFacade database, int clientId, CancellationToken ct) => Task.FromResult(true);
        public override Task UnlockAsync(DatabaseFacade database, int clientId) => Task.CompletedTask;
    }

    private sealed class Postgres : ClientLocks
    {
        public static readonly Postgres Instance = new();

        /// <summary>First half of the lock key: Switchboard's client-import locks, apart from any other advisory locks.</summary>
        private const int Space = 0x53424931;

        public override async Task<bool> TryLockAsync(DatabaseFacade database, int clientId, CancellationToken ct) =>
            await database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({Space}, {clientId}) AS \"Value\"").SingleAsync(ct);

        public override async Task UnlockAsync(DatabaseFacade database, int clientId) =>
            await database.SqlQuery<bool>($"SELECT pg_advisory_unlock({Space}, {clientId}) AS \"Value\"").SingleAsync();
    }
}
