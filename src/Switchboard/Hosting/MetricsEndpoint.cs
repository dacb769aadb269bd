using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Switchboard.Core.Metrics;

namespace Switchboard.Web.Hosting;

/// <summary>
/// GET /metrics in Prometheus text format: OpenTelemetry's ASP.NET Core (requests, durations,
/// connections) and .NET runtime (GC, heap, threads) instruments, and Switchboard's own meter
/// (<see cref="SwitchboardMetrics"/>). Answered only to addresses in <c>Metrics:AllowedNetworks</c>
/// (loopback by default), seen after the forwarded headers of a trusted proxy; anyone else gets the
/// same 404 as for a page that does not exist, so the endpoint is not even revealed.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static readonly string[] DefaultNetworks = ["127.0.0.0/8", "::1/128"];

    public static void AddSwitchboardMetrics(this WebApplicationBuilder builder)
    {
        var networks = Networks(builder.Configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? DefaultNetworks);
        builder.Services.AddSingleton(new MetricsAccess(networks));
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("switchboard")).WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(SwitchboardMetrics.MeterName)
            // Every scrape reads the counters as they are now (no cached answer: a scrape after an import sees it).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    /// <summary>After the forwarded headers (the caller's address is known), before anything else answers.</summary>
    public static void UseSwitchboardMetrics(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == Path && HttpMethods.IsGet(http.Request.Method) && access.Allows(http.Connection.RemoteIpAddress),
            path: null, configureBranchedPipeline: null, optionsName: null);
    }

    private static List<IPNetwork> Networks(string[] configured)
    {
        var list = new List<IPNetwork>();
        foreach (var raw in configured.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
        {
            if (IPNetwork.TryParse(raw, out var network)) list.Add(network);
            else if (IPAddress.TryParse(raw, out var address)) list.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new InvalidOperationException($"Metrics:AllowedNetworks: \"{raw}\" is neither an address nor a network (CIDR, e.g. 10.0.0.0/8 or 127.0.0.1).");
        }
        return list;
    }
}

/// <summary>Which client addresses may read /metrics.</summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public bool Allows(IPAddress? address)
    {
        // No IP at all: an in-process or Unix-socket connection, which is on this machine.
        if (address is null) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }
}
