namespace Switchboard.Web.Api;

public static class ApiRoutes
{
    /// <summary>The API under /api/v1, bearer tokens only; each feature's endpoints carry its tag in the OpenAPI document.</summary>
    public static void MapSwitchboardApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = Auth.BearerTokenHandler.SchemeName });
        AuthEndpoints.Map(api);
        TenancyEndpoints.Map(api.MapGroup("").WithTags("Tenancy"));
        AccountEndpoints.Map(api.MapGroup("").WithTags("Accounts"));
        CatalogEndpoints.Map(api.MapGroup("").WithTags("Catalog"));
        UserEndpoints.Map(api);
        ExportEndpoints.Map(api);
        ImportEndpoints.Map(api);
        SelfServiceEndpoints.Map(api);
        AuditEndpoints.Map(api);
    }
}
