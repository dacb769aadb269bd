using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Switchboard.Core.Users;

namespace Switchboard.Web.Api;

/// <summary>
/// Which of a user's fields a JSON body may carry. Each set is a type so that the body has its own
/// named schema in the OpenAPI document (<see cref="UserBodySchemas"/> fills in its properties).
/// </summary>
public interface IUserFieldSet
{
    IReadOnlyList<UserColumn> Columns { get; }
    /// <summary>Fields a body of this set must give.</summary>
    IReadOnlyList<UserColumn> Required => [];
    /// <summary>Whether the body names the client (a new user's).</summary>
    bool HasClientId => false;
    /// <summary>Whether the body may carry "currentPassword" (a person's own settings: needed to set a new web password).</summary>
    bool HasCurrentPassword => false;
}

/// <summary>A new user: every field a row of users.csv may set, and the client.</summary>
public sealed class NewUser : IUserFieldSet
{
    public IReadOnlyList<UserColumn> Columns => UserJson.Writable;
    public IReadOnlyList<UserColumn> Required => UserColumns.RequiredOnCreate;
    public bool HasClientId => true;
}

/// <summary>Changes to a user: only the fields given change.</summary>
public sealed class UserChanges : IUserFieldSet
{
    public IReadOnlyList<UserColumn> Columns => UserJson.Writable;
}

/// <summary>
/// A user's fields in a JSON body as sent, bound before the endpoint runs: which properties are
/// present is kept (absent = unchanged), and each present one has its JSON type checked against
/// the field table's (<see cref="UserJson.Kind"/>). A wrong type or a body that is not a JSON
/// object is refused with a 400 naming the property; the values themselves are judged by the one
/// rule set (RowEvaluator, through SaveUser) like a users.csv cell.
/// </summary>
public sealed class UserFields<TSet> : IEndpointParameterMetadataProvider where TSet : IUserFieldSet, new()
{
    private static readonly TSet Set = new();

    private UserFields(JsonObject json) => Json = json;

    public JsonObject Json { get; }

    public static async ValueTask<UserFields<TSet>?> BindAsync(HttpContext http)
    {
        var json = await JsonBody.ReadObjectAsync(http);
        var errors = UserJson.TypeErrors(json, Set);
        if (errors.Count > 0) throw new InvalidBodyException(errors);
        return new UserFields<TSet>(json);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(TSet)));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(400, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
    }
}

public static class UserJson
{
    /// <summary>The fields a body may set: all but the ID (the URL's) and the IP address (the phone reports it).</summary>
    public static IReadOnlyList<UserColumn> Writable => UserColumns.Settable;

    /// <summary>The JSON type of a field, as the field table holds it: a number (IDs), a yes/no, or text.</summary>
    public static JsonKind Kind(this UserColumn c) => c.Field() switch
    {
        { Number: not null } => JsonKind.Integer,
        { Switch: not null } => JsonKind.Boolean,
        _ => JsonKind.String,
    };

    public static Dictionary<string, string[]> TypeErrors(JsonObject json, IUserFieldSet set)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, node) in json)
        {
            JsonKind kind;
            if (set.HasClientId && string.Equals(name, "clientId", StringComparison.OrdinalIgnoreCase)) kind = JsonKind.Integer;
            else if (set.HasCurrentPassword && string.Equals(name, Switchboard.Core.Accounts.CurrentPassword.Field, StringComparison.OrdinalIgnoreCase)) kind = JsonKind.String;
            else if (set.Columns.Where(c => string.Equals(c.JsonName(), name, StringComparison.OrdinalIgnoreCase)).ToList() is [var col]) kind = col.Kind();
            else continue; // not a field of this body: the endpoint ignores or refuses it
            if (!JsonKinds.Matches(node, kind)) errors[name] = [JsonKinds.Expected(kind, nullable: true, node)];
        }
        return errors;
    }
}
