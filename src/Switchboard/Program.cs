using Switchboard.Web.Api;
using Switchboard.Web.Auth;
using Switchboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchboard();

var app = builder.Build();
await app.PrepareDatabaseAsync(args);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapSwitchboardHealth();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapSwitchboardApi();
app.MapRazorPages();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
