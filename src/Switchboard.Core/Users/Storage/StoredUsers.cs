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
    public static async Task<List<UserValues>> LoadAsync(SwitchboardDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var result = new List<UserValues>(ids.Count);
        if (ids.Count == 0) return result;
        var store = Dialect.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = $"SELECT {SqlUserState.UserColumnsSql} FROM {SqlUserState.UsersFromSql} " +
                              $"WHERE {store.IsOneOf("u.\"Id\"", "@ids")} ORDER BY u.\"Id\"";
            SqlUserState.Add(cmd, "@ids", store.KeysValue(ids));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) result.Add(SqlUserState.ReadUser(r));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    /// <summary>The user with this ID, or null.</summary>
    public static async Task<UserValues?> FindAsync(SwitchboardDb db, int id, CancellationToken ct) =>
        (await LoadAsync(db, [id], ct)).FirstOrDefault();
}
