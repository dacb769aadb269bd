using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users.Listing;

/// <summary>One client's numbers on the dashboard.</summary>
public sealed record ClientCounts(int Users, int DeskPhones, int FetchedRecently, int NeverFetched)
{
    public static readonly ClientCounts None = new(0, 0, 0, 0);
    public int Softphones => Users - DeskPhones;

    public ClientCounts Plus(ClientCounts o) =>
        new(Users + o.Users, DeskPhones + o.DeskPhones, FetchedRecently + o.FetchedRecently, NeverFetched + o.NeverFetched);
}

/// <summary>
/// The dashboard's user numbers per client of the caller's scope: a few grouped COUNT queries, never the
/// users themselves, so they stay cheap at 100,000 users.
/// </summary>
public sealed class UserCounts(Tenant tenant, TimeProvider clock)
{
    public async Task<Dictionary<int, ClientCounts>> ByClientAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - UserSets.RecentFetch;
        var users = tenant.Users;
        var all = await Count(users, ct);
        var desk = await Count(users.Where(UserSets.DeskPhone), ct);
        var recent = await Count(users.Where(UserSets.FetchedSince(since)), ct);
        var never = await Count(users.Where(UserSets.NeverFetched), ct);
        return all.Keys.ToDictionary(id => id, id => new ClientCounts(all[id], desk.GetValueOrDefault(id),
            recent.GetValueOrDefault(id), never.GetValueOrDefault(id)));
    }

    private static Task<Dictionary<int, int>> Count(IQueryable<PbxUser> users, CancellationToken ct) =>
        users.GroupBy(u => u.ClientId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
}
