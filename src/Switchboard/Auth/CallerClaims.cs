using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
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

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, caller.Email),
            new(ClaimTypes.Role, caller.Role),
        };
        if (caller.ResellerId is { } r) claims.Add(new Claim(Reseller, r.ToString(CultureInfo.InvariantCulture)));
        if (caller.ClientId is { } c) claims.Add(new Claim(Client, c.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// A portal cookie holds only while its account exists and is enabled (checked in the database on
    /// every request, so it holds on every instance): otherwise the person is signed out and sent to
    /// the sign-in page, instead of pages failing on an account that is gone.
    /// </summary>
    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<SwitchboardDb>();
        var valid = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && await db.SignIns.AnyAsync(s => s.Id == n && s.DisabledAt == null, context.HttpContext.RequestAborted);
        if (valid) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Pages sign in with a cookie; the API only with bearer tokens (so a browser's cookie can never
    /// be used against the API from another site).
    /// </summary>
    public static void AddSwitchboardAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/"; // each role lands where its work is
                o.Cookie.Name = "switchboard";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = StillValidAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        // The caller and its tenant are resolved once per request; endpoints take them as parameters.
        services.AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext!;
            var caller = FromPrincipal(http.User) ?? throw new InvalidOperationException("No signed-in caller");
            return caller with { Address = http.Connection.RemoteIpAddress?.ToString() };
        });
        services.AddScoped(sp => new Tenant(sp.GetRequiredService<SwitchboardDb>(), sp.GetRequiredService<Caller>()));
    }
}
