using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Registrar;

public static class RegistrarServices
{
    /// <summary>Reading registrations (<c>Sip:Registrars</c>) and telling phones about changes.</summary>
    public static IServiceCollection AddSwitchboardRegistrar(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RegistrarOptions>(config.GetSection("Sip"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var timeout = TimeSpan.FromMilliseconds(Math.Max(100, sp.GetRequiredService<IOptions<RegistrarOptions>>().Value.RegistrarTimeoutMilliseconds));
            var handler = new SocketsHttpHandler { ConnectTimeout = timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new KamailioRpc(new HttpClient(handler) { Timeout = timeout });
        });
        services.AddSingleton<RegistrationBook>();
        services.AddSingleton<PhoneSync>();
        services.AddHostedService<PhoneSyncWorker>();
        services.AddScoped<RegisteredUsers>();
        services.AddScoped<ResyncPhones>();
        return services;
    }
}
