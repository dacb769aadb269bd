using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Audit;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Api;

/// <summary>Resellers, clients and administrator accounts.</summary>
public static class TenancyEndpoints
{
    public sealed record ResellerBody(string? Name);
    public sealed record ClientBody(string? Name, int? ResellerId, string? DefaultLanguage, string? SipDomain);
    public sealed record AccountBody(string? Email, string? Password, string? Role, int? ResellerId, int? ClientId);
    public sealed record AccountDto(int Id, string Email, string Role, int? ResellerId, int? ClientId);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/resellers", (Tenant t, int? page, int? pageSize) =>
            t.Caller.IsAdmin || t.Caller.IsReseller ? Results.Ok(Paging.Of(t.Resellers.OrderBy(r => r.Id), page, pageSize))
                : Problems.Forbidden("Only platform and reseller administrators see resellers."));
        api.MapGet("/resellers/{id:int}", (Tenant t, int id) =>
            t.Resellers.FirstOrDefault(r => r.Id == id) is { } r ? Results.Ok(r) : Problems.NotFound($"Reseller {id}"));
        api.MapPost("/resellers", CreateReseller);

        api.MapGet("/clients", (Tenant t, int? page, int? pageSize) =>
            t.Caller.IsAdministrator ? Results.Ok(Paging.Of(t.Clients.OrderBy(c => c.Id), page, pageSize))
                : Problems.Forbidden("PBX users do not see clients."));
        api.MapGet("/clients/{id:int}", (Tenant t, int id) =>
            t.Clients.FirstOrDefault(c => c.Id == id) is { } c ? Results.Ok(c) : Problems.NotFound($"Client {id}"));
        api.MapPost("/clients", CreateClient);

        api.MapGet("/accounts", (Tenant t, int? page, int? pageSize) =>
            t.Caller.IsAdministrator
                ? Results.Ok(Paging.Of(t.Accounts.OrderBy(s => s.Id).Select(s => new AccountDto(s.Id, s.Email, s.Role, s.ResellerId, s.ClientId)), page, pageSize))
                : Problems.Forbidden("PBX users do not manage accounts."));
        api.MapPost("/accounts", CreateAccount);
    }

    private static async Task<IResult> CreateReseller(ResellerBody body, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        if (!t.Caller.IsAdmin) return Problems.Forbidden("Only platform administrators create resellers.");
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Problems.Invalid("name", "Enter the reseller's name.");
        if (await db.Resellers.AnyAsync(r => r.Name == name, ct)) return Problems.Conflict($"A reseller named \"{name}\" already exists.");
        var r = new Reseller { Name = name };
        db.Resellers.Add(r);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(t.Caller, "api", null, "reseller.create", "reseller", r.Id, name));
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/resellers/{r.Id}", r);
    }

    private static async Task<IResult> CreateClient(ClientBody body, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        int resellerId;
        if (t.Caller.IsAdmin)
        {
            if (body.ResellerId is not { } rid || !await db.Resellers.AnyAsync(r => r.Id == rid, ct))
                return Problems.Invalid("resellerId", "Give the ID of the reseller that owns the client.");
            resellerId = rid;
        }
        else if (t.Caller.IsReseller)
        {
            if (body.ResellerId is { } rid && rid != t.Caller.ResellerId) return Problems.NotFound($"Reseller {rid}");
            resellerId = t.Caller.ResellerId!.Value;
        }
        else return Problems.Forbidden("Only platform and reseller administrators create clients.");

        var errors = new Dictionary<string, string[]>();
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = ["Enter the client's name."];
        var language = "en";
        if (!string.IsNullOrWhiteSpace(body.DefaultLanguage) && !LanguageValue.TryNormalize(body.DefaultLanguage, out language))
            errors["defaultLanguage"] = [LanguageValue.Problem(body.DefaultLanguage)];
        var domain = string.IsNullOrWhiteSpace(body.SipDomain) ? SipDomainFor(name ?? "") : body.SipDomain.Trim().ToLowerInvariant();
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (await db.Clients.AnyAsync(c => c.ResellerId == resellerId && c.Name == name, ct))
            return Problems.Conflict($"This reseller already has a client named \"{name}\".");
        if (await db.Clients.AnyAsync(c => c.SipDomain == domain, ct))
        {
            if (!string.IsNullOrWhiteSpace(body.SipDomain)) return Problems.Conflict($"The SIP domain {domain} is already in use.");
            domain = $"{domain.Split('.')[0]}-{Guid.NewGuid().ToString("N")[..6]}.voice.example";
        }
        var client = new Client { Name = name!, ResellerId = resellerId, DefaultLanguage = language, SipDomain = domain };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(t.Caller, "api", client.Id, "client.create", "client", client.Id, name));
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/clients/{client.Id}", client);
    }

    /// <summary>"Acme Corp." becomes acme-corp.voice.example.</summary>
    private static string SipDomainFor(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--")) slug = slug.Replace("--", "-");
        return (slug.Length == 0 ? "client" : slug[..Math.Min(slug.Length, 40)]) + ".voice.example";
    }

    private static async Task<IResult> CreateAccount(AccountBody body, Tenant t, CreateAccount create, CancellationToken ct)
    {
        if (!t.Caller.IsAdministrator) return Problems.Forbidden("PBX users do not create accounts.");
        int? resellerId = null, clientId = null;
        switch (body.Role)
        {
            case Roles.Reseller:
                if (body.ResellerId is not { } rid || !t.Resellers.Any(r => r.Id == rid))
                    return body.ResellerId is null ? Problems.Invalid("resellerId", "Give the reseller's ID.") : Problems.NotFound($"Reseller {body.ResellerId}");
                if (!t.Caller.IsAdmin && !t.Caller.IsReseller) return Problems.Forbidden("Client administrators cannot create reseller accounts.");
                resellerId = rid;
                break;
            case Roles.Client:
                if (body.ClientId is not { } cid) return Problems.Invalid("clientId", "Give the client's ID.");
                if (t.ClientFor(cid) is null) return Problems.NotFound($"Client {cid}");
                clientId = cid;
                break;
            case Roles.Admin:
                if (!t.Caller.IsAdmin) return Problems.Forbidden("Only platform administrators create platform administrators.");
                break;
            default:
                return Problems.Invalid("role", "Use \"reseller\" or \"client\" (or \"admin\").");
        }
        var result = await create.RunAsync(t.Caller, "api", body.Email, body.Password, body.Role, resellerId, clientId, ct);
        if (result.Account is not { } a) return Problems.Invalid(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        return Results.Created($"/api/v1/accounts/{a.Id}", new AccountDto(a.Id, a.Email, a.Role, resellerId, clientId));
    }
}
