using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Import;
using Switchboard.Web.Api;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Hosting;

public static class ServiceSetup
{
    public static void AddSwitchboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSwitchboardDatabase(config, builder.Environment.ContentRootPath);

        var limits = config.GetSection("Import").Get<CsvLimits>() ?? new CsvLimits();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(limits));
        builder.AddSwitchboardBodyLimits(limits);

        services.AddSingleton<Passwords>();
        services.Configure<SignInOptions>(config.GetSection("SignIn"));
        services.AddSingleton<FailedSignInsByAddress>();
        services.AddSingleton<ImportProgress>();
        services.AddSingleton<ImportQueue>();
        services.AddScoped<ImportRunner>();
        services.AddScoped<Tokens>();
        services.AddScoped<CurrentPassword>();
        services.AddScoped<Switchboard.Core.Users.SaveUser>();
        services.AddScoped<Switchboard.Core.Users.SaveOwnSettings>();
        services.AddScoped<Switchboard.Core.Users.DeleteUser>();
        services.AddScoped<Switchboard.Core.Audit.ReadAuditLog>();
        services.AddScoped<StartImport>();
        services.AddScoped<ValidatedFile>();
        services.Configure<Switchboard.Core.Users.Undo.UndoOptions>(config.GetSection("Import"));
        services.AddScoped<Switchboard.Core.Users.Undo.StartUndo>();
        services.AddScoped<CheckCredentials>();
        services.AddScoped<Switchboard.Core.Users.Export.ExportUsers>();
        services.AddScoped<Switchboard.Core.Users.Listing.UserCounts>();
        services.AddHostedService<ImportWorker>();
        services.Configure<Switchboard.Core.Tenancy.SipOptions>(config.GetSection("Sip"));
        Switchboard.Core.Registrar.RegistrarServices.AddSwitchboardRegistrar(services, config);
        Switchboard.Core.Commands.CommandServices.AddSwitchboardCommands(services);
        AddProvisioning(services, config);

        services.AddSwitchboardHealth();
        builder.AddSwitchboardMetrics();
        // Under systemd (Type=notify): tells it when the server is ready and logs in the journal's format; elsewhere nothing.
        builder.Host.UseSystemd();
        // UseSystemd picks the journal's log format; a format the operator chose (json) still wins.
        if (config["Logging:Console:FormatterName"] is { Length: > 0 } format)
            services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.FormatterName = format);
        services.AddSwitchboardWebSecurity(config);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        // A request the API cannot bind (wrong JSON type, bad query value) reaches BadRequestHandler, which names what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcTimes());
            // Numbers are JSON numbers, as the OpenAPI document declares them (not also strings of digits).
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            // A property given twice (in any case) is refused, not silently the last one.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Login");
        });
        services.AddSwitchboardOpenApi();
        services.AddSwitchboardAuth();
    }

    private static void AddProvisioning(IServiceCollection services, IConfiguration config)
    {
        services.Configure<Switchboard.Core.Phones.Provisioning.ProvisioningOptions>(config.GetSection("Provisioning"));
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.ProvisioningAccounts>();
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.PhoneFileStamps>();
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.PhoneFileCache>();
        services.AddSingleton<Switchboard.Web.Phones.Provisioning.ProvisioningLog>();
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.ProvisioningAuth>();
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.ProvisioningThrottle>();
        services.AddSingleton<Switchboard.Core.Phones.Provisioning.FetchRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<Switchboard.Core.Phones.Provisioning.FetchRecorder>());
        services.AddScoped<Switchboard.Core.Phones.Provisioning.ProvisioningCredentials>();
    }
}
