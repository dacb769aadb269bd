using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Accounts;
using Switchboard.Core.Catalog;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Commands;

public static class CommandServices
{
    /// <summary>The create/edit/delete commands of everything an administrator keeps: each is called by both the API and the pages.</summary>
    public static IServiceCollection AddSwitchboardCommands(this IServiceCollection services) => services
        .AddScoped<CreateReseller>().AddScoped<UpdateReseller>().AddScoped<DeleteReseller>()
        .AddScoped<CreateClient>().AddScoped<UpdateClient>().AddScoped<DeleteClient>()
        .AddScoped<CreateAccount>().AddScoped<UpdateAccount>().AddScoped<DeleteAccount>()
        .AddScoped<CreatePhoneModel>().AddScoped<UpdatePhoneModel>().AddScoped<DeletePhoneModel>()
        .AddScoped<CreateTemplate>().AddScoped<UpdateTemplate>().AddScoped<DeleteTemplate>()
        .AddSingleton<ProvisioningTemplates>().AddScoped<PreviewTemplate>()
        .AddScoped<CreateProfile>().AddScoped<RenameProfile>().AddScoped<DeleteProfile>();
}
