using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Web.Api;

/// <summary>A PBX user's own settings (the self-service page): the same rules as every other path.</summary>
public static class SelfServiceEndpoints
{
    public sealed record Settings(string Email, string Extension, bool DndOn, bool CallWaitingOn, string? ForwardNumber,
        string? FollowmeNumber, string? VoicemailPin)
    {
        public static Settings From(UserValues u) =>
            new(u.Email, u.Extension, u.DndOn, u.CallWaitingOn, u.ForwardNumber, u.FollowmeNumber, u.VoicemailPin);
    }

    /// <summary>What a user may change about themselves.</summary>
    public sealed class OwnSettings : IUserFieldSet
    {
        public IReadOnlyList<UserColumn> Columns => UserColumns.SelfService;
        public bool HasCurrentPassword => true;
    }

    private static readonly OwnSettings Editable = new();

    public static void Map(RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Self-service");
        api.MapGet("/me/settings", Get);
        api.MapPut("/me/settings", Put);
    }

    private static async Task<Results<Ok<Settings>, NotFoundProblem>> Get(Caller caller, SwitchboardDb db, CancellationToken ct)
    {
        if (!caller.CanUseSelfService) return Problems.NotFound("Self-service settings");
        return TypedResults.Ok(Settings.From((await StoredUsers.FindAsync(db, caller.Id, ct))!) with { Email = caller.Email });
    }

    private static async Task<Results<Ok<Settings>, ValidationProblem, NotFoundProblem>> Put(UserFields<OwnSettings> fields, Caller caller,
        SaveOwnSettings save, CancellationToken ct)
    {
        if (!caller.CanUseSelfService) return Problems.NotFound("Self-service settings");
        var body = fields.Json;
        var current = body.FirstOrDefault(p => string.Equals(p.Key, CurrentPassword.Field, StringComparison.OrdinalIgnoreCase));
        if (current.Key is not null) body.Remove(current.Key);
        var other = body.Select(p => p.Key).Where(k => !Editable.Columns.Any(c => string.Equals(c.JsonName(), k, StringComparison.OrdinalIgnoreCase))).ToList();
        // A body naming what a person may not change is refused whole, before any password is judged.
        if (other.Count > 0)
            return Problems.Invalid(other.ToDictionary(k => k, _ => new[] { "Cannot be changed here; ask your administrator." }));
        var result = await save.RunAsync(caller, UserDto.ToInput(body, caller.Id), current.Value?.GetValue<string>(), ct);
        if (result.CurrentPasswordError is { } wrong) return Problems.Invalid(CurrentPassword.Field, wrong);
        var plan = result.Plan!;
        if (plan.Outcome == RowOutcome.Failed) return Problems.Invalid(UserDto.Errors(plan.Causes));
        // The answer to a change carries no secret (GET shows the person their own PIN).
        return TypedResults.Ok(Settings.From(plan.After!) with { VoicemailPin = null });
    }
}
