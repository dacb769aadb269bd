using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning;
using Switchboard.Core.Phones.Provisioning.Templates;

namespace Switchboard.Web.Phones.Provisioning;

/// <summary>
/// GET /provisioning/{file}: a desk phone fetches its configuration (phones.md, "Provisioning").
/// HTTPS only (directly or through a trusted proxy, as the forwarded headers decide) unless
/// Provisioning:AllowHttp; Digest or (over HTTPS) Basic with its reseller's credentials; one
/// identical 404 for every file that is not this reseller's phone's; 429 for addresses and
/// credentials that fail too often. Every answer carries a body, so no status page replaces it.
/// </summary>
public static class ProvisioningEndpoint
{
    public const string Route = "/provisioning/{file}";

    // The one 404: the same bytes whatever the reason (unknown MAC, another reseller's phone, a softphone, a name its vendor does not use, a User-Agent with another MAC).
    private static readonly byte[] NotFoundBody = Encoding.UTF8.GetBytes("Not found\n");
    private static readonly byte[] NeedsHttpsBody = Encoding.UTF8.GetBytes("provisioning needs HTTPS\n");
    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes("Authentication required\n");
    private const string PlainText = "text/plain; charset=utf-8";

    public static void Map(WebApplication app) =>
        app.MapGet(Route, FetchAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task FetchAsync(string file, HttpContext http, ProvisioningAuth auth, ProvisioningThrottle throttle,
        FetchRecorder recorder, ProvisioningTemplates templates, PhoneFileCache cache, IConfiguration config,
        IOptions<ProvisioningOptions> options, ProvisioningLog logs, CancellationToken ct)
    {
        var o = options.Value;
        var log = logs.Logger;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        var parsed = PhoneFileNames.Parse(file);
        var mac = parsed?.Mac;

        if (!http.Request.IsHttps && !o.AllowHttp)
        {
            Log(log, mac, null, address, "refused: plain HTTP");
            await Answer(http, 403, NeedsHttpsBody);
            return;
        }
        if (throttle.AddressBlocked(address))
        {
            Log(log, mac, null, address, "throttled: address");
            await TooMany(http, throttle);
            return;
        }

        var target = http.Request.Path.Value + http.Request.QueryString.Value;
        // The stamp is read once per fetch, and only by a fetch that carries credentials (a Digest challenge reads
        // nothing); the phone's file, when not kept, is read with it.
        var lookup = cache.Begin(mac);
        var (outcome, account) = await auth.CheckAsync(http.Request.Headers.Authorization.ToString(), http.Request.Method, target, http.Request.IsHttps, lookup.StampAsync, ct);
        if (outcome != AuthOutcome.Ok)
        {
            if (outcome == AuthOutcome.Failed) throttle.AddressFailed(address);
            Log(log, mac, null, address, outcome switch
            {
                AuthOutcome.None => "challenged",
                AuthOutcome.Stale => "challenged: stale nonce",
                _ => "refused: wrong credentials",
            });
            response.Headers.WWWAuthenticate = auth.Challenges(outcome == AuthOutcome.Stale);
            await Answer(http, 401, UnauthorizedBody);
            return;
        }

        var resellerId = account!.ResellerId;
        var cached = await lookup.FindAsync();
        var phone = cached?.File;
        var found = phone is not null && parsed is { } q && phone.ResellerId == resellerId &&
                    PhoneFileNames.VendorUses(phone.Vendor, q.Shape) &&
                    !PhoneFileNames.AgentNamesAnotherMac(http.Request.Headers.UserAgent.ToString(), phone.User.MacAddress!);
        if (!found)
        {
            if (throttle.CredentialBlocked(resellerId))
            {
                log.LogWarning("Provisioning credentials of reseller {ResellerId} had too many not-found answers (guessing MACs?); from {Address}", resellerId, address);
                Log(log, mac, resellerId, address, "throttled: credential");
                await TooMany(http, throttle);
                return;
            }
            // Vendors' common first files (no MAC in the name, or the all-zero one) are asked for by every phone: not a failure.
            if (parsed is not null && parsed.Value.Mac != "00:00:00:00:00:00")
            {
                throttle.AddressFailed(address);
                throttle.CredentialNotFound(resellerId);
            }
            Log(log, mac, resellerId, address, "not found");
            await Answer(http, 404, NotFoundBody);
            return;
        }

        var provisioningUrl = ProvisioningValues.PublicUrl(config, http.Request);
        var sipServer = config["Sip:Server"];
        var bytes = cached!.RenderedFor(provisioningUrl, sipServer);
        if (bytes is null)
        {
            try
            {
                bytes = Encoding.UTF8.GetBytes(PhoneFileRendering.Render(templates, phone!, sipServer, provisioningUrl));
            }
            catch (ProvisioningTemplateException e)
            {
                // Saving refuses such templates; one stored before that rule (or over a limit) is the operator's to fix.
                log.LogError("Provisioning fetch of {Mac} (reseller {ResellerId}) from {Address}: {Outcome} ({Problem})", mac, resellerId, address, "template failed", e.Message);
                Switchboard.Core.Metrics.SwitchboardMetrics.ProvisioningFetch("error");
                await Answer(http, 500, Encoding.UTF8.GetBytes("This phone's template could not be rendered; the administrator can see why in the Templates page.\n"));
                return;
            }
            cached.KeepRendered(provisioningUrl, sipServer, bytes);
        }
        recorder.Record(phone!.User.Id, address, http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
        Log(log, mac, resellerId, address, "served");
        response.StatusCode = 200;
        response.ContentType = PhoneFileNames.ContentType(file);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, ct);
    }

    private static readonly Action<ILogger, string, int?, string, string, Exception?> Fetched = LoggerMessage.Define<string, int?, string, string>(
        LogLevel.Information, new EventId(1, "ProvisioningFetch"), "Provisioning fetch of {Mac} (reseller {ResellerId}) from {Address}: {Outcome}");

    private static void Log(ILogger log, string? mac, int? resellerId, string address, string outcome)
    {
        Switchboard.Core.Metrics.SwitchboardMetrics.ProvisioningFetch(outcome);
        Fetched(log, mac ?? "-", resellerId, address, outcome, null);
    }

    private static Task TooMany(HttpContext http, ProvisioningThrottle throttle)
    {
        var seconds = (int)Math.Ceiling(throttle.Window.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Answer(http, 429, Encoding.UTF8.GetBytes($"Too many failed requests from here; retry after {seconds} seconds.\n"));
    }

    private static async Task Answer(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = PlainText;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body);
    }
}

/// <summary>The provisioning log ("Switchboard.Provisioning", what operators feed to fail2ban), made once rather than per fetch.</summary>
public sealed class ProvisioningLog(ILoggerFactory factory)
{
    public ILogger Logger { get; } = factory.CreateLogger("Switchboard.Provisioning");
}
