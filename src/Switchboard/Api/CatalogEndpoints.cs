using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Catalog;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Api;

/// <summary>Phone models, provisioning templates and user profiles: the IDs users.csv refers to.</summary>
public static class CatalogEndpoints
{
    public sealed record PhoneModelBody(string? Vendor, string? Model);
    public sealed record TemplateBody(string? Name, int? PhoneModelId, string? Body, int? ClientId);
    public sealed record TemplateDto(int Id, string Name, int PhoneModelId, string Body, string Owner, int? ResellerId, int? ClientId);
    public sealed record ProfileBody(string? Name, int? ClientId);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/phone-models", (Tenant t, SwitchboardDb db, int? page, int? pageSize) =>
            t.Caller.IsAdministrator ? Results.Ok(Paging.Of(db.PhoneModels.OrderBy(m => m.Id), page, pageSize))
                : Problems.Forbidden("PBX users do not see the phone model catalog."));
        api.MapGet("/phone-models/{id:int}", (Tenant t, SwitchboardDb db, int id) =>
            t.Caller.IsAdministrator && db.PhoneModels.FirstOrDefault(m => m.Id == id) is { } m ? Results.Ok(m) : Problems.NotFound($"Phone model {id}"));
        api.MapPost("/phone-models", CreatePhoneModel);

        api.MapGet("/provisioning-templates", (Tenant t, int? page, int? pageSize) =>
            t.Caller.IsAdministrator ? Results.Ok(Paging.Of(t.Templates.OrderBy(x => x.Id).Select(Dto), page, pageSize))
                : Problems.Forbidden("PBX users do not see provisioning templates."));
        api.MapGet("/provisioning-templates/{id:int}", (Tenant t, int id) =>
            t.Templates.Where(x => x.Id == id).Select(Dto).FirstOrDefault() is { } x ? Results.Ok(x) : Problems.NotFound($"Provisioning template {id}"));
        api.MapPost("/provisioning-templates", CreateTemplate);
        api.MapPut("/provisioning-templates/{id:int}", UpdateTemplate);
        api.MapDelete("/provisioning-templates/{id:int}", DeleteTemplate);

        api.MapGet("/user-profiles", (Tenant t, int? clientId, int? page, int? pageSize) =>
            t.Caller.IsAdministrator
                ? Results.Ok(Paging.Of(t.Profiles.Where(p => clientId == null || p.ClientId == clientId).OrderBy(p => p.Id), page, pageSize))
                : Problems.Forbidden("PBX users do not see user profiles."));
        api.MapGet("/user-profiles/{id:int}", (Tenant t, int id) =>
            t.Profiles.FirstOrDefault(p => p.Id == id) is { } p ? Results.Ok(p) : Problems.NotFound($"User profile {id}"));
        api.MapPost("/user-profiles", CreateProfile);
        api.MapPut("/user-profiles/{id:int}", UpdateProfile);
        api.MapDelete("/user-profiles/{id:int}", DeleteProfile);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ProvisioningTemplate, TemplateDto>> Dto = x =>
        new TemplateDto(x.Id, x.Name, x.PhoneModelId, x.Body,
            x.ClientId != null ? "client" : x.ResellerId != null ? "reseller" : "system", x.ResellerId, x.ClientId);

    private static async Task<IResult> CreatePhoneModel(PhoneModelBody body, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        if (!t.Caller.IsAdmin) return Problems.Forbidden("Only platform administrators keep the phone model catalog.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Vendor)) errors["vendor"] = ["Enter the vendor, e.g. Yealink."];
        if (string.IsNullOrWhiteSpace(body.Model)) errors["model"] = ["Enter the model, e.g. T46U."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var m = new PhoneModel { Vendor = body.Vendor!.Trim(), Model = body.Model!.Trim() };
        if (await db.PhoneModels.AnyAsync(x => x.Vendor == m.Vendor && x.Model == m.Model, ct))
            return Problems.Conflict($"{m.Vendor} {m.Model} is already in the catalog.");
        db.PhoneModels.Add(m);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/phone-models/{m.Id}", m);
    }

    private static async Task<IResult> CreateTemplate(TemplateBody body, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        if (!t.Caller.IsAdministrator) return Problems.Forbidden("PBX users do not manage templates.");
        var errors = await Fields(body).CheckAsync(db, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        // Owned by the caller's scope: system for platform admins, the reseller, or the client.
        var x = new ProvisioningTemplate
        {
            Name = body.Name!.Trim(), PhoneModelId = body.PhoneModelId!.Value, Body = body.Body ?? "",
            ResellerId = t.Caller.IsReseller ? t.Caller.ResellerId : null,
            ClientId = t.Caller.IsClient ? t.Caller.ClientId : null,
        };
        db.ProvisioningTemplates.Add(x);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(t.Caller, "api", x.ClientId, "template.create", "template", x.Id, x.Name));
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/provisioning-templates/{x.Id}", Dto.Compile()(x));
    }

    private static async Task<IResult> UpdateTemplate(int id, TemplateBody body, Switchboard.Core.Catalog.UpdateTemplate update, CancellationToken ct)
    {
        var r = await update.RunAsync(id, Fields(body), "api", ct);
        return r.Outcome == EditOutcome.Saved ? Results.Ok(Dto.Compile()(r.Item!)) : Answer(r);
    }

    private static async Task<IResult> DeleteTemplate(int id, Switchboard.Core.Catalog.DeleteTemplate delete, CancellationToken ct) =>
        Answer(await delete.RunAsync(id, "api", ct));

    private static IResult Answer(DeleteResult r) => r.Outcome switch
    {
        DeleteOutcome.Deleted => Results.NoContent(),
        DeleteOutcome.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: r.Message),
        DeleteOutcome.NotOwned => Problems.Forbidden(r.Message),
        _ => Problems.Conflict(r.Message),
    };

    private static TemplateFields Fields(TemplateBody body) => new(body.Name, body.PhoneModelId, body.Body);

    private static IResult Answer<T>(EditResult<T> r) where T : class => r.Outcome switch
    {
        EditOutcome.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: r.Message),
        EditOutcome.NotOwned => Problems.Forbidden(r.Message),
        EditOutcome.Invalid => Problems.Invalid(r.Errors.ToDictionary()),
        _ => Problems.Conflict(r.Message),
    };

    private static async Task<IResult> CreateProfile(ProfileBody body, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        if (!t.Caller.IsAdministrator) return Problems.Forbidden("PBX users do not manage profiles.");
        var client = t.ClientFor(body.ClientId);
        if (client is null)
            return body.ClientId is null ? Problems.Invalid("clientId", "Give the client's ID.") : Problems.NotFound($"Client {body.ClientId}");
        if (t.Caller.IsReseller) return Problems.Forbidden(Switchboard.Core.Catalog.ProfileRules.ResellersOnlyView);
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Problems.Invalid("name", "Enter a name for the profile.");
        if (await db.UserProfiles.AnyAsync(p => p.ClientId == client.Id && p.Name == name, ct))
            return Problems.Conflict($"A profile named \"{name}\" already exists.");
        var p = new UserProfile { ClientId = client.Id, Name = name };
        db.UserProfiles.Add(p);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(t.Caller, "api", client.Id, "profile.create", "profile", p.Id, name));
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/user-profiles/{p.Id}", p);
    }

    private static async Task<IResult> UpdateProfile(int id, ProfileBody body, Switchboard.Core.Catalog.RenameProfile rename, CancellationToken ct)
    {
        var r = await rename.RunAsync(id, body.Name, "api", ct);
        return r.Outcome == EditOutcome.Saved ? Results.Ok(r.Item) : Answer(r);
    }

    private static async Task<IResult> DeleteProfile(int id, Switchboard.Core.Catalog.DeleteProfile delete, CancellationToken ct) =>
        Answer(await delete.RunAsync(id, "api", ct));
}
