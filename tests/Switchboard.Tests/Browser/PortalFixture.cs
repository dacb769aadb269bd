using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Browser;

/// <summary>
/// A real Switchboard process on a free loopback port with a small world (a reseller, a client,
/// their administrators, a few users), and Debian's Chromium driven by Playwright — never a
/// downloaded browser. Screenshots go to artifacts/screenshots (git-ignored).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Password = "Portal-Pass-1234";

    public ServerProcess Server { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Tag { get; } = Guid.NewGuid().ToString("N")[..6];
    public string ClientAdmin => $"client-{Tag}@portal.test";
    public string ResellerAdmin => $"reseller-{Tag}@portal.test";
    public string PbxUser => $"pbx-{Tag}@portal.test";
    public int ClientId { get; private set; }

    public static string Screenshots { get; } = Path.Combine(ServerProcess.RepoRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (.ci/run does)");
        await Server.StartAsync();
        var admin = await Server.AdminAsync();
        var reseller = await Id(admin, "/api/v1/resellers", new { name = $"Portal reseller {Tag}" });
        ClientId = await Id(admin, "/api/v1/clients", new { name = $"Portal client {Tag}", resellerId = reseller });
        await Id(admin, "/api/v1/accounts", new { email = ClientAdmin, password = Password, role = "client", clientId = ClientId });
        await Id(admin, "/api/v1/accounts", new { email = ResellerAdmin, password = Password, role = "reseller", resellerId = reseller });
        var client = await Server.SignInAsync(ClientAdmin, Password);
        var csv = Csv.Write(
        [
            new Dictionary<string, string> { ["First Name"] = "Pat", ["Last Name"] = "Phone", ["Email"] = PbxUser, ["Web Passwords"] = Password, ["Extension"] = "301" },
            new Dictionary<string, string> { ["First Name"] = "<script>alert(1)</script>", ["Last Name"] = "Inert", ["Email"] = $"script-{Tag}@portal.test", ["Extension"] = "302" },
            new Dictionary<string, string> { ["First Name"] = "Ada", ["Last Name"] = "Lovelace", ["Email"] = $"ada-{Tag}@portal.test", ["Extension"] = "303", ["Department"] = "Engineering" },
        ]);
        var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "users.csv" } };
        var upload = await client.PostAsync("/api/v1/users/import", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, upload.StatusCode);
        for (var i = 0; i < 200; i++)
        {
            var job = await client.GetFromJsonAsync<JsonObject>(upload.Headers.Location!.ToString());
            if (job!["status"]!.GetValue<string>() == "completed") break;
            await Task.Delay(100);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser context signed in through the login page.</summary>
    public async Task<IPage> SignInAsync(string email, string password = Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in (the sign-out form shows) or refused (the error shows): either way say what the page said.
        await page.Locator("form.signout, p.error").First.WaitForAsync();
        Assert.True(await page.Locator("form.signout").CountAsync() == 1, $"sign-in of {email} failed at {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        return page;
    }

    public static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static async Task<int> Id(HttpClient http, string path, object body)
    {
        var r = await http.PostAsJsonAsync(path, body);
        var json = await r.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(r.IsSuccessStatusCode, $"POST {path}: {json}");
        return json!["id"]!.GetValue<int>();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Server.Dispose();
    }
}
