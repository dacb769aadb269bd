using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Web.Api;

/// <summary>A user as the API shows it: the camelCase of the users.csv columns (webPassword is write-only).</summary>
public sealed record UserDto(
    int Id, int ClientId, string FirstName, string LastName, string Email, string? PhoneSecret, string? VoicemailPin,
    string Extension, string? Department, string? Language, int? PhoneModelId, int? ProvisioningTemplateId,
    string? MacAddress, int? UserProfileId, string? ForwardNumber, string? FollowmeNumber, bool DndOn,
    bool CallWaitingOn, string? IpAddress, DateTime? ProvisionedAt = null, string? ProvisionedUserAgent = null)
{
    /// <param name="fetch">The last provisioning fetch (time and User-Agent), when known: not a field of users.csv.</param>
    public static UserDto From(UserValues u, bool secrets, LastFetch? fetch = null) => new(
        u.Id, u.ClientId, u.FirstName, u.LastName, u.Email, secrets ? u.PhoneSecret : null, secrets ? u.VoicemailPin : null,
        u.Extension, u.Department, u.Language, u.PhoneModelId, u.ProvisioningTemplateId, u.MacAddress, u.UserProfileId,
        u.ForwardNumber, u.FollowmeNumber, u.DndOn, u.CallWaitingOn, u.IpAddress, fetch?.At, fetch?.UserAgent);

    /// <summary>
    /// JSON body to the same input a CSV row gives: a property that is absent leaves the field
    /// unchanged, null or "" is an empty cell.
    /// </summary>
    public static UserInput ToInput(JsonObject body, int? id)
    {
        var input = UserInput.Empty(0);
        foreach (var col in UserColumns.Settable)
        {
            if (!body.TryGetPropertyValue(col.JsonName(), out var node)) continue;
            input.Cells[(int)col] = node switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s.Trim(),
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
                _ => node.ToJsonString(),
            };
        }
        input.Cells[(int)UserColumn.Id] = id?.ToString(CultureInfo.InvariantCulture);
        return input;
    }

    public static Dictionary<string, string[]> Errors(IEnumerable<Cause> causes) =>
        causes.GroupBy(c => UserColumns.Match(c.Column)?.JsonName() ?? "")
              .ToDictionary(g => g.Key, g => g.Select(c => c.Message).ToArray());
}
