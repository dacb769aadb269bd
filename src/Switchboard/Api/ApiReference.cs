using System.Security.Cryptography;
using Scalar.AspNetCore;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Api;

/// <summary>
/// The interactive API reference (Scalar) at /api/reference, reading /openapi/v1.json. Its scripts and
/// fonts are served from this server; only this page's script may run inline (with a nonce per
/// answer), and it needs inline styles. Its requests stay on this origin like every page's.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";

    public static void MapSwitchboardApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, (options, http) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            options.WithTitle("Switchboard API")
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableAgent()
                .AddPreferredSecuritySchemes(ApiDocument.BearerScheme);
            http.Response.Headers.ContentSecurityPolicy = WebSecurity.ContentSecurityPolicy
                .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'")
                .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
        });
}
