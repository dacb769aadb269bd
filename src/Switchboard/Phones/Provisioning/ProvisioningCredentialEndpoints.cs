using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Phones.Provisioning;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Web.Api;

namespace Switchboard.Web.Phones.Provisioning;

/// <summary>A reseller's provisioning credentials through the API (the Provisioning page calls the same command).</summary>
public static class ProvisioningCredentialEndpoints
{
    public sealed record ProvisioningDto(string Url, string Username, bool HasPassword, DateTime? PreviousValidUntil);
    public sealed record NewPasswordDto(string Username, string Password);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/resellers/{id:int}/provisioning", GetAsync).WithTags("Provisioning");
        api.MapPost("/resellers/{id:int}/provisioning/password", SetPasswordAsync).WithTags("Provisioning");
        api.MapDelete("/resellers/{id:int}/provisioning/previous-password", RetireAsync).WithTags("Provisioning");
    }

    private static async Task<Results<Ok<ProvisioningDto>, ForbiddenProblem, NotFoundProblem>> GetAsync(
        int id, ProvisioningCredentials credentials, HttpContext http, IConfiguration config, CancellationToken ct) =>
        Answer(await credentials.GetAsync(id, ct), id, http, config);

    private static async Task<Results<Ok<NewPasswordDto>, ForbiddenProblem, NotFoundProblem>> SetPasswordAsync(
        int id, ProvisioningCredentials credentials, CancellationToken ct)
    {
        var r = await credentials.SetPasswordAsync(id, "api", ct);
        return r.Outcome switch
        {
            CredentialOutcome.Done => TypedResults.Ok(new NewPasswordDto(r.Value.Username, r.Value.Password)),
            CredentialOutcome.Forbidden => Problems.Forbidden(r.Message),
            _ => Problems.NotFound($"Reseller {id}"),
        };
    }

    private static async Task<Results<Ok<ProvisioningDto>, ForbiddenProblem, NotFoundProblem>> RetireAsync(
        int id, ProvisioningCredentials credentials, HttpContext http, IConfiguration config, CancellationToken ct) =>
        Answer(await credentials.RetirePreviousAsync(id, "api", ct), id, http, config);

    private static Results<Ok<ProvisioningDto>, ForbiddenProblem, NotFoundProblem> Answer(
        CredentialResult<ProvisioningAccess> r, int id, HttpContext http, IConfiguration config) => r.Outcome switch
    {
        CredentialOutcome.Done => TypedResults.Ok(new ProvisioningDto(ProvisioningValues.PublicUrl(config, http.Request), r.Value!.Username, r.Value.HasPassword, r.Value.PreviousValidUntil)),
        CredentialOutcome.Forbidden => Problems.Forbidden(r.Message),
        _ => Problems.NotFound($"Reseller {id}"),
    };
}
