using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Web.Api;

public static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Users");
        api.MapGet("/users", List);
        api.MapGet("/users/{id:int}", Get);
        api.MapPost("/users", Create);
        api.MapPut("/users/{id:int}", Update);
        api.MapDelete("/users/{id:int}", Delete);
    }

    /// <summary>The users as the API shows them, in ID order (<paramref name="users"/> says which).</summary>
    private static async Task<List<UserDto>> ShowAsync(IQueryable<PbxUser> users, SwitchboardDb db, bool secrets, CancellationToken ct)
    {
        var ids = await users.Select(u => u.Id).ToListAsync(ct);
        return [.. (await StoredUsers.ShowAsync(db, ids, ct)).Select(u => UserDto.From(u.User, secrets, u.Fetch))];
    }

    private static async Task<Results<Ok<PageOf<UserDto>>, ForbiddenProblem>> List(Tenant t, SwitchboardDb db, int? clientId, string? search,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (!t.Caller.CanSeeAdministration) return Problems.Forbidden("PBX users see only their own settings (GET /api/v1/me).");
        var users = t.Users;
        if (clientId is { } cid) users = users.Where(u => u.ClientId == cid);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            var emails = db.SignIns.Where(x => x.NormalizedEmail.Contains(s)).Select(x => x.Id);
            users = users.Where(u => u.FirstName.ToLower().Contains(s) || u.LastName.ToLower().Contains(s) ||
                                     u.Extension.StartsWith(s) || emails.Contains(u.Id));
        }
        var total = users.Count();
        var size = Math.Clamp(pageSize ?? 50, 1, Paging.MaxPageSize);
        var paged = users.OrderBy(u => u.Id).Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size);
        return TypedResults.Ok(new PageOf<UserDto>(await ShowAsync(paged, db, false, ct), total));
    }

    private static async Task<Results<Ok<UserDto>, NotFoundProblem>> Get(int id, Tenant t, SwitchboardDb db, bool? includeSecrets, CancellationToken ct)
    {
        if (!t.Caller.CanSeeAdministration) return Problems.NotFound($"User {id}");
        var secrets = includeSecrets == true;
        if ((await ShowAsync(t.Users.Where(u => u.Id == id), db, secrets, ct)).FirstOrDefault() is not { } u) return Problems.NotFound($"User {id}");
        // Reading a user's secrets is recorded (who, whose, from where), so walking every user shows in the log.
        if (secrets)
        {
            db.AuditEntries.Add(AuditLog.Entry(t.Caller, "api", u.ClientId, "user.secrets-read", "user", u.Id, $"{u.FirstName} {u.LastName} <{u.Email}>, extension {u.Extension}",
                details: "phone secret and voicemail PIN shown"));
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(u);
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Create(
        UserFields<NewUser> fields, Tenant t, SaveUser save, CancellationToken ct)
    {
        var body = fields.Json;
        if (!t.Caller.CanManageUsers) return Problems.Forbidden("Only client administrators create users.");
        var clientId = body.TryGetPropertyValue("clientId", out var c) && c is JsonValue v && v.TryGetValue<int>(out var cid) ? cid : (int?)null;
        var client = t.ClientFor(clientId);
        if (client is null)
            return clientId is null ? Problems.Invalid("clientId", "Give the client's ID.") : Problems.NotFound($"Client {clientId}");
        var input = UserDto.ToInput(body, null);
        foreach (var col in UserColumns.RequiredOnCreate) input.Cells[(int)col] ??= "";
        var plan = await save.RunAsync(client, input, t.Caller, "api", ct);
        if (plan.Outcome == RowOutcome.Failed) return Problems.Invalid(UserDto.Errors(plan.Causes));
        // Answers to changes never carry secrets: GET ?includeSecrets=true shows them, and records that it did.
        var dto = UserDto.From(plan.After!, secrets: false);
        return TypedResults.Created($"/api/v1/users/{dto.Id}", dto);
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Update(
        int id, UserFields<UserChanges> fields, Tenant t, SwitchboardDb db, SaveUser save, CancellationToken ct)
    {
        var user = await t.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || !t.Caller.CanSeeAdministration) return Problems.NotFound($"User {id}");
        if (!t.Caller.CanManageUsers) return Problems.Forbidden("Only client administrators change users.");
        var client = await db.Clients.AsNoTracking().FirstAsync(x => x.Id == user.ClientId, ct);
        var plan = await save.RunAsync(client, UserDto.ToInput(fields.Json, id), t.Caller, "api", ct);
        if (plan.Outcome == RowOutcome.Failed) return Problems.Invalid(UserDto.Errors(plan.Causes));
        return TypedResults.Ok(UserDto.From(plan.After!, secrets: false));
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Delete(int id, Tenant t, DeleteUser delete, CancellationToken ct)
    {
        var visible = t.Caller.CanSeeAdministration && await t.Users.AnyAsync(u => u.Id == id, ct);
        if (!visible) return Problems.NotFound($"User {id}");
        if (!t.Caller.CanManageUsers) return Problems.Forbidden("Only client administrators delete users.");
        return await delete.RunAsync(t, id, "api", ct) ? TypedResults.NoContent() : Problems.NotFound($"User {id}");
    }
}
