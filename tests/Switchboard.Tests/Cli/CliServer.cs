using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>
/// One real server process for the command-line tests, with a small upload limit (so a 413 is cheap
/// to provoke), a reseller, two clients and their administrators.
/// </summary>
public sealed class CliServer : IAsyncLifetime
{
    public const long MaxFileBytes = 200_000;

    public ServerProcess Server { get; } = new();

    public string Url => Server.BaseAddress.ToString().TrimEnd('/');

    public (string Email, string Password) ClientAdmin { get; } = ("it@cli-acme.test", "Cli-Acme-Admin-Pass-1");
    /// <summary>The administrator of a second client.</summary>
    public (string Email, string Password) OtherClientAdmin { get; } = ("it@cli-other.test", "Cli-Other-Admin-Pass-1");
    public (string Email, string Password) ResellerAdmin { get; } = ("ops@cli-telco.test", "Cli-Telco-Admin-Pass-1");

    public int ClientId { get; private set; }

    public async Task InitializeAsync()
    {
        Server.Environment["Import__MaxFileBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture);
        await Server.StartAsync();
        using var admin = await Server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = "Cli Telco" }))["id"]!.GetValue<int>();
        ClientId = (await admin.PostJson("/api/v1/clients", new { name = "Cli Acme", resellerId = reseller }))["id"]!.GetValue<int>();
        var other = (await admin.PostJson("/api/v1/clients", new { name = "Cli Other", resellerId = reseller }))["id"]!.GetValue<int>();
        await admin.PostJson("/api/v1/accounts", new { email = ClientAdmin.Email, password = ClientAdmin.Password, role = "client", clientId = ClientId });
        await admin.PostJson("/api/v1/accounts", new { email = OtherClientAdmin.Email, password = OtherClientAdmin.Password, role = "client", clientId = other });
        await admin.PostJson("/api/v1/accounts", new { email = ResellerAdmin.Email, password = ResellerAdmin.Password, role = "reseller", resellerId = reseller });
    }

    /// <summary>A token issued by the API itself (for SWITCHBOARD_TOKEN), and a client signed in with it.</summary>
    public async Task<(string Token, HttpClient Http)> TokenAsync((string Email, string Password) account)
    {
        var http = await Server.SignInAsync(account.Email, account.Password);
        return (http.DefaultRequestHeaders.Authorization!.Parameter!, http);
    }

    /// <summary>A user of the CLI signed in (by `switchboard login --password-stdin`) as <paramref name="account"/>.</summary>
    public async Task<CliUser> SignedInAsync((string Email, string Password) account)
    {
        var cli = new CliUser();
        var r = await cli.RunWithInputAsync(account.Password + "\n", "login", "--server", Url, "--email", account.Email, "--password-stdin");
        Assert.True(r.Code == 0, r.ToString());
        return cli;
    }

    public static string UsersCsv(IEnumerable<IDictionary<string, string>> rows) => Csv.Write(rows);

    public static Dictionary<string, string> User(string tag, int i, string? extension = null) => new()
    {
        ["First Name"] = $"Cli{i}", ["Last Name"] = "User", ["Email"] = $"cli{i}-{tag}@example.test",
        ["Extension"] = extension ?? (2000 + i).ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject Json(CliResult r)
    {
        var node = JsonNode.Parse(r.Stdout); // throws when stdout holds anything but one JSON document
        return Assert.IsType<JsonObject>(node);
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
