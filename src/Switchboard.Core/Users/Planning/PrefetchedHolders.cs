using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Users.Planning;

/// <summary>
/// Looks up who holds the emails and extensions that new rows give while the rows are being judged:
/// judging uses only the cores, the lookups only the database connection, which is idle meanwhile
/// (a 100k-row create spends ~0.4 s in these lookups). A value a row ends up claiming that was not
/// looked up ahead (none, when the rows pass as given) is looked up when asked, as before.
/// </summary>
public sealed class PrefetchedHolders : IPlanState
{
    private readonly IPlanState _inner;
    private readonly HashSet<string> _emailKeys;
    private readonly HashSet<string> _extensionKeys;
    private readonly Task<(IReadOnlyDictionary<string, Holder> Emails, IReadOnlyDictionary<string, Holder> Extensions)> _lookups;

    private PrefetchedHolders(IPlanState inner, int clientId, HashSet<string> emails, HashSet<string> extensions)
    {
        (_inner, _emailKeys, _extensionKeys) = (inner, emails, extensions);
        _lookups = Task.Run(() => (inner.EmailHolders(clientId, emails), inner.ExtensionHolders(clientId, extensions)));
    }

    /// <summary>Starts the lookups for the rows without an ID (new users) as their cells read.</summary>
    public static PrefetchedHolders Start(IPlanState inner, int clientId, IEnumerable<UserInput> newRows)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var extensions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in newRows)
        {
            if (input[UserColumn.Email] is { Length: > 0 } email) emails.Add(EmailValue.Normalize(email));
            if (input[UserColumn.Extension] is { Length: > 0 } ext) extensions.Add(ext);
        }
        return new PrefetchedHolders(inner, clientId, emails, extensions);
    }

    /// <summary>Waits for the lookups: the connection is the caller's again afterwards (also when judging failed).</summary>
    public void Finish() => _lookups.GetAwaiter().GetResult();

    public IReadOnlyDictionary<int, UserValues> UsersById(int clientId, IReadOnlyCollection<int> ids) => _inner.UsersById(clientId, ids);

    public IReadOnlyDictionary<string, Holder> EmailHolders(int clientId, IReadOnlyCollection<string> normalizedEmails) =>
        Merge(normalizedEmails, _emailKeys, _lookups.Result.Emails, missing => _inner.EmailHolders(clientId, missing));

    public IReadOnlyDictionary<string, Holder> ExtensionHolders(int clientId, IReadOnlyCollection<string> extensions) =>
        Merge(extensions, _extensionKeys, _lookups.Result.Extensions, missing => _inner.ExtensionHolders(clientId, missing));

    public IReadOnlyDictionary<string, Holder> MacHolders(int clientId, IReadOnlyCollection<string> macs) => _inner.MacHolders(clientId, macs);

    private static Dictionary<string, Holder> Merge(IReadOnlyCollection<string> keys, HashSet<string> fetched,
        IReadOnlyDictionary<string, Holder> found, Func<List<string>, IReadOnlyDictionary<string, Holder>> lookUp)
    {
        var result = new Dictionary<string, Holder>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (!fetched.Contains(key)) missing.Add(key);
            else if (found.TryGetValue(key, out var holder)) result[key] = holder;
        }
        if (missing.Count > 0)
            foreach (var (key, holder) in lookUp(missing)) result[key] = holder;
        return result;
    }
}
