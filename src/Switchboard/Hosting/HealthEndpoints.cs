using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Core.Data;

namespace Switchboard.Web.Hosting;

/// <summary>
/// /healthz: the process answers (liveness; never touches the database, so a database outage does
/// not get every instance restarted). /readyz: the database answers and every migration this
/// build knows is applied (readiness: a load balancer sends traffic only then).
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static void AddSwitchboardHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddDbContextCheck<SwitchboardDb>("database", tags: [Ready])
            .AddCheck<MigrationsApplied>("migrations", tags: [Ready]);

    public static void MapSwitchboardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write }).AllowAnonymous();
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private sealed class MigrationsApplied(SwitchboardDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("all migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet");
        }
    }
}
