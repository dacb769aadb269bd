using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Switchboard.Web.Hosting;

/// <summary>
/// What every response and request goes through: the client address and scheme taken from
/// X-Forwarded-* only when a configured proxy sent them (Network:TrustedProxies, addresses or
/// CIDR ranges; loopback by default, for a reverse proxy on the same host), cookies that scripts
/// cannot read and other sites cannot send (Secure behind HTTPS), and headers that keep pages
/// from running foreign or inline script, being sniffed as another type, or being framed.
/// </summary>
public static class WebSecurity
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>One year: browsers keep to HTTPS for this long after an HTTPS answer.</summary>
    public const int HstsMaxAgeSeconds = 365 * 24 * 3600;

    public static void AddSwitchboardWebSecurity(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config.GetSection("Network:TrustedProxies").Get<string[]>() ?? ["127.0.0.1", "::1"];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var p in proxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
            {
                if (p.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(p));
                else o.KnownProxies.Add(IPAddress.Parse(p));
            }
        });
        services.AddAntiforgery(o => Protect(o.Cookie));
        // Flash messages travel in the TempData cookie: the same rules.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => Protect(o.Cookie));
    }

    private static void Protect(CookieBuilder cookie)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    public static void UseSwitchboardWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            // After the forwarded headers: HTTPS direct or through a trusted proxy, under any host name
            // (ASP.NET's UseHsts leaves out localhost, and its default is shorter than we want).
            if (context.Request.IsHttps) h.StrictTransportSecurity = $"max-age={HstsMaxAgeSeconds}";
            // API answers are one caller's data and some carry tokens or secrets: no cache keeps them.
            if (context.Request.Path.StartsWithSegments("/api")) h.CacheControl = "no-store";
            return next(context);
        });
    }
}
