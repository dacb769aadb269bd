using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Auth;

public static class CallerClaims
{
    public const string Reseller = "switchboard:reseller";
    public const string Client = "switchboard:client";
    /// <summary>A portal cookie's session token (see <see cref="Tokens"/>): the cookie holds only while its row in the database does.</summary>
    public const string Session = "switchboard:session";

    public static Caller? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        int? Int(string type) => user.FindFirst(type)?.Value is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new Caller(Int(ClaimTypes.NameIdentifier)!.Value, user.FindFirstValue(ClaimTypes.Email) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "", Int(Reseller), Int(Client));
    }

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme, string? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, caller.Email),
            new(ClaimTypes.Role, caller.Role),
        };
        if (caller.ResellerId is { } r) claims.Add(new Claim(Reseller, r.ToString(CultureInfo.InvariantCulture)));
        if (caller.ClientId is { } c) claims.Add(new Claim(Client, c.ToString(CultureInfo.InvariantCulture)));
        if (session is not null) claims.Add(new Claim(Session, session));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// A portal cookie holds only while its session does: checked in the database on every request (one
    /// indexed read, so it holds on every instance), the session ends when its person signs out, and
    /// every session of an account ends when it gets a new password, is disabled or deleted, or signs out
    /// everywhere (<see cref="Sessions"/>). Otherwise the person is signed out and sent to the sign-in page.
    /// </summary>
    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        var session = context.Principal?.FindFirst(Session)?.Value;
        var id = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var tokens = context.HttpContext.RequestServices.GetRequiredService<Tokens>();
        var caller = session is null ? null : await tokens.ResolveAsync(session, context.HttpContext.RequestAborted, sliding: true);
        if (caller is not null && caller.Id.ToString(CultureInfo.InvariantCulture) == id) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Signs the person in to the portal: a new session in the database, its token in the cookie.</summary>
    public static async Task SignInPortalAsync(this HttpContext http, Caller caller, string stamp)
    {
        var (token, _) = await http.RequestServices.GetRequiredService<Tokens>().IssueAsync(caller.Id, stamp, http.RequestAborted);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ToPrincipal(caller, CookieAuthenticationDefaults.AuthenticationScheme, token));
    }

    /// <summary>Signs out of the portal: this session ends for good (its cookie, replayed, is refused), and the cookie is removed.</summary>
    public static async Task SignOutPortalAsync(this HttpContext http)
    {
        if (http.User.FindFirst(Session)?.Value is { } session)
            await http.RequestServices.GetRequiredService<Tokens>().RevokeAsync(session, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
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
                o.ExpireTimeSpan = Tokens.Lifetime; // as its session's row, which slides with it
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
