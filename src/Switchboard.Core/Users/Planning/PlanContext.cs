namespace Switchboard.Core.Users.Planning;

/// <summary>What a client may refer to from users.csv: the IDs its administrators can see.</summary>
public sealed record PlanContext(
    int ClientId,
    IReadOnlySet<int> PhoneModels,
    IReadOnlyDictionary<int, int> TemplateModel,
    IReadOnlySet<int> Profiles);

/// <summary>Who holds a unique value now. <see cref="ClientUser"/> is false for other clients' users and for administrators.</summary>
public readonly record struct Holder(int Id, bool ClientUser);

/// <summary>The current state a plan is judged against, loaded in bulk (never one query per row).</summary>
public interface IPlanState
{
    IReadOnlyDictionary<int, UserValues> UsersById(int clientId, IReadOnlyCollection<int> ids);
    IReadOnlyDictionary<string, Holder> EmailHolders(int clientId, IReadOnlyCollection<string> normalizedEmails);
    IReadOnlyDictionary<string, Holder> ExtensionHolders(int clientId, IReadOnlyCollection<string> extensions);
    IReadOnlyDictionary<string, Holder> MacHolders(int clientId, IReadOnlyCollection<string> macs);
}
