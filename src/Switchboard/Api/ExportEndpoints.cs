using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Export;

namespace Switchboard.Web.Api;

public static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/users/export", Export).WithTags("Export").Produces<string>(StatusCodes.Status200OK, "text/csv");

    /// <summary>
    /// A client administrator exports its own users; a reseller one of its clients (clientId) or all
    /// of them (with a Client column); every export is audited.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ForbiddenProblem, NotFoundProblem>> Export(HttpContext http, Tenant t, ExportUsers export, int? clientId, bool? includeSecrets, CancellationToken ct)
    {
        if (!t.Caller.CanExportUsers) return Problems.Forbidden("PBX users cannot export users.");
        var secrets = includeSecrets == true;
        if (await export.PrepareAsync(clientId, secrets, "api", ct) is not { } plan) return Problems.NotFound($"Client {clientId}");
        await UsersCsvResponse.SendAsync(http, () => export.WriteAsync(plan, secrets, http.Response.Body, ct));
        return TypedResults.Empty;
    }
}

/// <summary>users.csv as a download.</summary>
public static class UsersCsvResponse
{
    public static Task SendAsync(HttpContext http, Func<Task> write)
    {
        // The CSV writer flushes synchronously into its buffered writer; allow that for this response.
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"users.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        return write();
    }
}
