using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Tests.Rules;

/// <summary>
/// In-memory <see cref="IPlanState"/> with the semantics of SqlUserState: users of every client,
/// plus sign-ins that are not users (administrators) holding emails.
/// </summary>
internal sealed class FakePlanState : IPlanState
{
    public List<UserValues> Users { get; } = [];

    /// <summary>Normalized email → sign-in id of accounts that are not users (administrators).</summary>
    public Dictionary<string, int> AdminEmails { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<int, UserValues> UsersById(int clientId, IReadOnlyCollection<int> ids) =>
        Users.Where(u => u.ClientId == clientId && ids.Contains(u.Id)).ToDictionary(u => u.Id, u => u.Clone());

    public IReadOnlyDictionary<string, Holder> EmailHolders(int clientId, IReadOnlyCollection<string> normalizedEmails)
    {
        var d = new Dictionary<string, Holder>(StringComparer.Ordinal);
        foreach (var u in Users.Where(u => normalizedEmails.Contains(u.NormalizedEmail)))
            d[u.NormalizedEmail] = new Holder(u.Id, u.ClientId == clientId);
        foreach (var (email, id) in AdminEmails.Where(a => normalizedEmails.Contains(a.Key)))
            d[email] = new Holder(id, false);
        return d;
    }

    public IReadOnlyDictionary<string, Holder> ExtensionHolders(int clientId, IReadOnlyCollection<string> extensions) =>
        Users.Where(u => u.ClientId == clientId && extensions.Contains(u.Extension))
             .ToDictionary(u => u.Extension, u => new Holder(u.Id, true), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Holder> MacHolders(int clientId, IReadOnlyCollection<string> macs) =>
        Users.Where(u => u.MacAddress is not null && macs.Contains(u.MacAddress))
             .ToDictionary(u => u.MacAddress!, u => new Holder(u.Id, u.ClientId == clientId), StringComparer.Ordinal);
}
