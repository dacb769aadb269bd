using Switchboard.Web.Api;
using Switchboard.Web.Auth;
using Switchboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchboard();

var app = builder.Build();
try
{
    await app.PrepareDatabaseAsync(args);
}
catch (Switchboard.Core.Secrets.KeyRingRefusedException refused)
{
    // The message says what is wrong and what to do; a stack trace would only bury it.
    Console.Error.WriteLine($"Switchboard did not start: {refused.Message}");
    return 1;
}

app.UseSwitchboardWebSecurity();
app.UseSwitchboardMetrics();
app.UseExceptionHandler();
app.UseStatusCodePages();
// People in a browser get a page that says what happened and what to do; the API keeps its problem details.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseStaticFiles();
// Routing after the re-execution above, so a re-executed request is routed again (to the error page).
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
// Once the caller is known and before any endpoint reads a body: only an importer's upload may be large.
app.UseSwitchboardBodyLimits();
app.MapSwitchboardHealth();
app.MapOpenApi(ApiDocument.Route);
app.MapSwitchboardApiReference();
app.MapSwitchboardApi();
Switchboard.Web.Phones.Provisioning.ProvisioningEndpoint.Map(app);
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
