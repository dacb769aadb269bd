using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Web.Api;

/// <summary>A PBX user's own settings (the self-service page): the same rules as every other path.</summary>
public static class SelfServiceEndpoints
{
    public sealed record Settings(string Email, string Extension, bool DndOn, bool CallWaitingOn, string? ForwardNumber,
        string? FollowmeNumber, string VoicemailPin);

    /// <summary>What a user may change about themselves.</summary>
    private static readonly UserColumn[] Editable =
    [
        UserColumn.DndOn, UserColumn.CallWaitingOn, UserColumn.ForwardNumber, UserColumn.FollowmeNumber,
        UserColumn.VoicemailPin, UserColumn.WebPassword,
    ];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me/settings", Get);
        api.MapPut("/me/settings", Put);
    }

    private static async Task<IResult> Get(Caller caller, SwitchboardDb db, CancellationToken ct)
    {
        if (!caller.IsUser) return Problems.NotFound("Self-service settings");
        var u = await db.Users.AsNoTracking().FirstAsync(x => x.Id == caller.Id, ct);
        return Results.Ok(new Settings(caller.Email, u.Extension, u.DndOn, u.CallWaitingOn, u.ForwardNumber, u.FollowmeNumber, u.VoicemailPin));
    }

    private static async Task<IResult> Put(JsonObject body, Caller caller, SwitchboardDb db, SaveUser save, CancellationToken ct)
    {
        if (!caller.IsUser) return Problems.NotFound("Self-service settings");
        var other = body.Select(p => p.Key).Where(k => !Editable.Any(c => c.JsonName() == k)).ToList();
        if (other.Count > 0)
            return Problems.Invalid(other.ToDictionary(k => k, _ => new[] { "Cannot be changed here; ask your administrator." }));
        var u = await db.Users.AsNoTracking().FirstAsync(x => x.Id == caller.Id, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == u.ClientId, ct);
        var plan = await save.RunAsync(client, UserDto.ToInput(body, caller.Id), caller, "self-service", ct);
        if (plan.Outcome == RowOutcome.Failed) return Problems.Invalid(UserDto.Errors(plan.Causes));
        var a = plan.After!;
        return Results.Ok(new Settings(a.Email, a.Extension, a.DndOn, a.CallWaitingOn, a.ForwardNumber, a.FollowmeNumber, a.VoicemailPin));
    }
}
