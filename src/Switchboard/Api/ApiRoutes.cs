namespace Switchboard.Web.Api;

public static class ApiRoutes
{
    public static void MapSwitchboardApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = Auth.BearerTokenHandler.SchemeName });
        AuthEndpoints.Map(api);
        TenancyEndpoints.Map(api);
        AccountEndpoints.Map(api);
        CatalogEndpoints.Map(api);
        UserEndpoints.Map(api);
        RegistrationEndpoints.Map(api);
        ExportEndpoints.Map(api);
        ImportEndpoints.Map(api);
        SelfServiceEndpoints.Map(api);
        AuditEndpoints.Map(api);
        Phones.Provisioning.ProvisioningCredentialEndpoints.Map(api);
    }
}
