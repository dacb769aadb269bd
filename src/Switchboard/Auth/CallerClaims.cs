using System.Globalization;
using System.Security.Claims;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Auth;

public static class CallerClaims
{
    public const string Reseller = "switchboard:reseller";
    public const string Client = "switchboard:client";

    public static Caller? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        int? Int(string type) => user.FindFirst(type)?.Value is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new Caller(Int(ClaimTypes.NameIdentifier)!.Value, user.FindFirstValue(ClaimTypes.Email) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "", Int(Reseller), Int(Client));
    }

    public static void AddSwitchboardAuth(this IServiceCollection services)
    {
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        // The caller and its tenant are resolved once per request; endpoints take them as parameters.
        services.AddScoped(sp => FromPrincipal(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.User)
                                 ?? throw new InvalidOperationException("No signed-in caller"));
        services.AddScoped(sp => new Tenant(sp.GetRequiredService<SwitchboardDb>(), sp.GetRequiredService<Caller>()));
    }
}
