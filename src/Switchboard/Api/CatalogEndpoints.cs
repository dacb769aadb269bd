using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Catalog;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Core.Tenancy;
using static Switchboard.Web.Api.CommandAnswers;

namespace Switchboard.Web.Api;

/// <summary>Phone models, provisioning templates and user profiles: the IDs users.csv refers to.</summary>
public static class CatalogEndpoints
{
    /// <summary>A new phone model, or a change (a property left out stays as it is).</summary>
    public sealed record PhoneModelBody(string? Vendor, string? Model);
    public sealed record PhoneModelDto(int Id, string Vendor, string Model)
    {
        public static PhoneModelDto From(PhoneModel m) => new(m.Id, m.Vendor, m.Model);
    }

    public sealed record TemplateBody(string? Name, int? PhoneModelId, string? Body, int? ClientId);
    public sealed record TemplateDto(int Id, string Name, int PhoneModelId, string Body, string Owner, int? ResellerId, int? ClientId);
    /// <summary>A template rendered for one user, the phone secret shown as ••••••; <c>problem</c> says why saving would now refuse the stored body (null when it would not).</summary>
    public sealed record PreviewDto(int TemplateId, int UserId, string Rendered, string? Problem);
    public sealed record ProfileBody(string? Name, int? ClientId);
    public sealed record ProfileDto(int Id, int ClientId, string Name)
    {
        public static ProfileDto From(UserProfile p) => new(p.Id, p.ClientId, p.Name);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/phone-models", ListPhoneModels).WithTags("Phone models").Problems(403);
        api.MapGet("/phone-models/{id:int}", GetPhoneModel).WithTags("Phone models").Problems(404);
        api.MapPost("/phone-models", CreatePhoneModel).WithTags("Phone models").Problems(400, 403, 409);
        api.MapPut("/phone-models/{id:int}", UpdatePhoneModel).WithTags("Phone models").Problems(400, 403, 404, 409);
        api.MapDelete("/phone-models/{id:int}", DeletePhoneModel).WithTags("Phone models").Problems(403, 404, 409);

        api.MapGet("/provisioning-templates", ListTemplates).WithTags("Provisioning templates").Problems(403);
        api.MapGet("/provisioning-templates/{id:int}", GetTemplate).WithTags("Provisioning templates").Problems(404);
        api.MapPost("/provisioning-templates", CreateTemplate).WithTags("Provisioning templates").Problems(400, 403);
        api.MapPut("/provisioning-templates/{id:int}", UpdateTemplate).WithTags("Provisioning templates").Problems(400, 403, 404, 409);
        api.MapDelete("/provisioning-templates/{id:int}", DeleteTemplate).WithTags("Provisioning templates").Problems(403, 404, 409);
        api.MapGet("/provisioning-templates/{id:int}/preview", PreviewTemplate).WithTags("Provisioning templates").Problems(400, 404, 409);

        api.MapGet("/user-profiles", ListProfiles).WithTags("User profiles").Problems(403);
        api.MapGet("/user-profiles/{id:int}", GetProfile).WithTags("User profiles").Problems(404);
        api.MapPost("/user-profiles", CreateProfile).WithTags("User profiles").Problems(400, 403, 404, 409);
        api.MapPut("/user-profiles/{id:int}", UpdateProfile).WithTags("User profiles").Problems(400, 403, 404, 409);
        api.MapDelete("/user-profiles/{id:int}", DeleteProfile).WithTags("User profiles").Problems(403, 404, 409);
    }

    private static readonly Expression<Func<ProvisioningTemplate, TemplateDto>> Dto = x =>
        new TemplateDto(x.Id, x.Name, x.PhoneModelId, x.Body,
            x.ClientId != null ? "client" : x.ResellerId != null ? "reseller" : "system", x.ResellerId, x.ClientId);

    private static readonly Func<ProvisioningTemplate, TemplateDto> ToDto = Dto.Compile();

    private static Results<Ok<PageOf<PhoneModelDto>>, ProblemHttpResult> ListPhoneModels(Tenant t, SwitchboardDb db, int? page, int? pageSize) =>
        t.Caller.CanSeeAdministration
            ? TypedResults.Ok(Paging.Of(db.PhoneModels.OrderBy(m => m.Id).Select(m => new PhoneModelDto(m.Id, m.Vendor, m.Model)), page, pageSize))
            : Forbidden("PBX users do not see the phone model catalog.");

    private static async Task<Results<Ok<PhoneModelDto>, ProblemHttpResult>> GetPhoneModel(Tenant t, SwitchboardDb db, int id, CancellationToken ct) =>
        t.Caller.CanSeeAdministration && await db.PhoneModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } m
            ? TypedResults.Ok(PhoneModelDto.From(m)) : NotFound($"Phone model {id}");

    private static async Task<Results<Created<PhoneModelDto>, ValidationProblem, ProblemHttpResult>> CreatePhoneModel(
        PhoneModelBody body, CreatePhoneModel create, CancellationToken ct) =>
        Created(await create.RunAsync(new PhoneModelFields(body.Vendor, body.Model), "api", ct), PhoneModelDto.From, m => $"/api/v1/phone-models/{m.Id}");

    private static async Task<Results<Ok<PhoneModelDto>, ValidationProblem, ProblemHttpResult>> UpdatePhoneModel(
        int id, PhoneModelBody body, UpdatePhoneModel update, CancellationToken ct) =>
        Ok(await update.RunAsync(id, new PhoneModelFields(body.Vendor, body.Model), "api", ct), PhoneModelDto.From);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePhoneModel(int id, DeletePhoneModel delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));

    private static Results<Ok<PageOf<TemplateDto>>, ProblemHttpResult> ListTemplates(Tenant t, int? page, int? pageSize) =>
        t.Caller.CanSeeAdministration ? TypedResults.Ok(Paging.Of(t.Templates.OrderBy(x => x.Id).Select(Dto), page, pageSize))
            : Forbidden("PBX users do not see provisioning templates.");

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> GetTemplate(Tenant t, int id, CancellationToken ct) =>
        await t.Templates.Where(x => x.Id == id).Select(Dto).FirstOrDefaultAsync(ct) is { } x ? TypedResults.Ok(x) : NotFound($"Provisioning template {id}");

    private static async Task<Results<Created<TemplateDto>, ValidationProblem, ProblemHttpResult>> CreateTemplate(
        TemplateBody body, CreateTemplate create, CancellationToken ct) =>
        Created(await create.RunAsync(Fields(body), "api", ct), ToDto, x => $"/api/v1/provisioning-templates/{x.Id}");

    private static async Task<Results<Ok<TemplateDto>, ValidationProblem, ProblemHttpResult>> UpdateTemplate(
        int id, TemplateBody body, UpdateTemplate update, CancellationToken ct) =>
        Ok(await update.RunAsync(id, Fields(body), "api", ct), ToDto);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTemplate(int id, DeleteTemplate delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));

    private static async Task<Results<Ok<PreviewDto>, ProblemHttpResult>> PreviewTemplate(
        int id, int? userId, PreviewTemplate preview, IConfiguration config, HttpRequest request, CancellationToken ct)
    {
        if (userId is not { } uid) return Problem(400, "Bad request", "Give userId: the ID of one of your users to render the template for (e.g. ?userId=42).");
        var r = await preview.RunAsync(id, uid, ProvisioningValues.PublicUrl(config, request), ct);
        return r.Outcome switch
        {
            PreviewOutcome.Rendered => TypedResults.Ok(new PreviewDto(id, uid, r.Rendered!, r.Problem)),
            PreviewOutcome.CannotRender => Problem(409, "Conflict", r.Message),
            _ => Problem(404, "Not found", r.Message),
        };
    }

    private static TemplateFields Fields(TemplateBody body) => new(body.Name, body.PhoneModelId, body.Body);

    private static Results<Ok<PageOf<ProfileDto>>, ProblemHttpResult> ListProfiles(Tenant t, int? clientId, int? page, int? pageSize) =>
        t.Caller.CanSeeAdministration
            ? TypedResults.Ok(Paging.Of(t.Profiles.Where(p => clientId == null || p.ClientId == clientId).OrderBy(p => p.Id)
                .Select(p => new ProfileDto(p.Id, p.ClientId, p.Name)), page, pageSize))
            : Forbidden("PBX users do not see user profiles.");

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> GetProfile(Tenant t, int id, CancellationToken ct) =>
        await t.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ProfileDto.From(p)) : NotFound($"User profile {id}");

    private static async Task<Results<Created<ProfileDto>, ValidationProblem, ProblemHttpResult>> CreateProfile(
        ProfileBody body, CreateProfile create, CancellationToken ct) =>
        Created(await create.RunAsync(body.ClientId, body.Name, "api", ct), ProfileDto.From, p => $"/api/v1/user-profiles/{p.Id}");

    private static async Task<Results<Ok<ProfileDto>, ValidationProblem, ProblemHttpResult>> UpdateProfile(
        int id, ProfileBody body, RenameProfile rename, CancellationToken ct) =>
        Ok(await rename.RunAsync(id, body.Name, "api", ct), ProfileDto.From);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteProfile(int id, DeleteProfile delete, CancellationToken ct) =>
        Deleted(await delete.RunAsync(id, "api", ct));
}
