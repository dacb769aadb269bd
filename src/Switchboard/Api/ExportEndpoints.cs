using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Export;

namespace Switchboard.Web.Api;

public static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/users/export", Export);

    /// <summary>
    /// A client administrator exports its own users; a reseller one of its clients (clientId) or all
    /// of them (with a Client column); every export is audited.
    /// </summary>
    private static async Task<IResult> Export(HttpContext http, Tenant t, SwitchboardDb db, int? clientId, bool? includeSecrets, CancellationToken ct)
    {
        if (!t.Caller.IsAdministrator) return Problems.Forbidden("PBX users cannot export users.");
        List<Client> clients;
        if (clientId is not null || t.Caller.IsClient)
        {
            var client = t.ClientFor(clientId);
            if (client is null) return Problems.NotFound($"Client {clientId}");
            clients = [client];
        }
        else clients = await t.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var all = clients.Count != 1 || (clientId is null && !t.Caller.IsClient);
        var secrets = includeSecrets == true;
        foreach (var c in clients)
            db.AuditEntries.Add(AuditLog.Entry(t.Caller.Id, t.Caller.Email, "api", c.Id, "users.export",
                details: secrets ? "with phone secrets and voicemail PINs" : "without secrets"));
        await db.SaveChangesAsync(ct);

        // Sep writes synchronously into the buffered writer; allow its flushes for this response.
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"users.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await UsersCsvExport.WriteAsync(db, clients, secrets, all, http.Response.Body, ct);
        return Results.Empty;
    }
}
