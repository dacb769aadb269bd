using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;

namespace Switchboard.Core.Users.Storage;

/// <summary>
/// Users as stored, with their sign-in's email and secrets opened, read the way the planner and
/// the export read them (so every page and endpoint shows a user through the same shape).
/// </summary>
public static class StoredUsers
{
    /// <summary>The users with these IDs, ordered by ID, whatever their client: the caller checks what it may see.</summary>
    public static async Task<List<UserValues>> LoadAsync(SwitchboardDb db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        [.. (await ReadAsync(db, ids, withFetch: false, ct)).Select(u => u.User)];

    /// <summary>
    /// The users with these IDs as pages and the API show them: <see cref="LoadAsync"/>'s values and each
    /// one's last provisioning fetch, read in the same query.
    /// </summary>
    public static Task<List<ShownUser>> ShowAsync(SwitchboardDb db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ReadAsync(db, ids, withFetch: true, ct);

    private static async Task<List<ShownUser>> ReadAsync(SwitchboardDb db, IReadOnlyCollection<int> ids, bool withFetch, CancellationToken ct)
    {
        var result = new List<ShownUser>(ids.Count);
        if (ids.Count == 0) return result;
        var store = Dialect.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // The fetch is recorded apart from the user's fields (Phones/Provisioning/FetchRecorder), so it is read beside them.
            cmd.CommandText = $"SELECT {SqlUserState.UserColumnsSql}" + (withFetch ? ", u.\"ProvisionedAt\", u.\"ProvisionedUserAgent\"" : "") +
                              $" FROM {SqlUserState.UsersFromSql} WHERE {store.IsOneOf("u.\"Id\"", "@ids")} ORDER BY u.\"Id\"";
            SqlUserState.Add(cmd, "@ids", store.KeysValue(ids));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                result.Add(new ShownUser(SqlUserState.ReadUser(r), withFetch ? FetchOf(r, r.FieldCount - 2) : null));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    /// <summary>Times are stored in UTC; SQLite hands them back without a kind.</summary>
    private static LastFetch? FetchOf(System.Data.Common.DbDataReader r, int at) =>
        r.IsDBNull(at) ? null : new LastFetch(DateTime.SpecifyKind(r.GetDateTime(at), DateTimeKind.Utc), r.IsDBNull(at + 1) ? null : r.GetString(at + 1));

    /// <summary>The user with this ID, or null.</summary>
    public static async Task<UserValues?> FindAsync(SwitchboardDb db, int id, CancellationToken ct) =>
        (await LoadAsync(db, [id], ct)).FirstOrDefault();
}

/// <summary>A desk phone's last provisioning fetch: when, and with which User-Agent (the address is the user's IP address).</summary>
public sealed record LastFetch(DateTime At, string? UserAgent);

/// <summary>A user as pages and the API show it: its values and its last provisioning fetch (null: none yet).</summary>
public sealed record ShownUser(UserValues User, LastFetch? Fetch);
