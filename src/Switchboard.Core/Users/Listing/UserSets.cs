using System.Linq.Expressions;
using Switchboard.Core.Data;

namespace Switchboard.Core.Users.Listing;

/// <summary>
/// The kinds of users the dashboard counts and the Users list filters by, defined once so a number on
/// the dashboard is exactly the length of the list its link opens.
/// </summary>
public static class UserSets
{
    /// <summary>How recent a desk phone's last configuration fetch must be to count as fetched recently.</summary>
    public static readonly TimeSpan RecentFetch = TimeSpan.FromHours(24);

    public static Expression<Func<PbxUser, bool>> DeskPhone => u => u.PhoneModelId != null;
    public static Expression<Func<PbxUser, bool>> Softphone => u => u.PhoneModelId == null;
    public static Expression<Func<PbxUser, bool>> FetchedSince(DateTime since) => u => u.PhoneModelId != null && u.ProvisionedAt >= since;
    public static Expression<Func<PbxUser, bool>> FetchedBefore(DateTime since) => u => u.PhoneModelId != null && u.ProvisionedAt < since;
    public static Expression<Func<PbxUser, bool>> NeverFetched => u => u.PhoneModelId != null && u.ProvisionedAt == null;
}
