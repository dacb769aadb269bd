using System.Text;
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
    public int ResellerId { get; private set; }

    public static string Screenshots { get; } = Path.Combine(ServerProcess.RepoRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (.ci/run does)");
        await Server.StartAsync();
        var admin = await Server.AdminAsync();
        var reseller = ResellerId = await PostForIdAsync(admin, "/api/v1/resellers", new { name = $"Portal reseller {Tag}" });
        ClientId = await PostForIdAsync(admin, "/api/v1/clients", new { name = $"Portal client {Tag}", resellerId = reseller });
        await PostForIdAsync(admin, "/api/v1/accounts", new { email = ClientAdmin, password = Password, role = "client", clientId = ClientId });
        await PostForIdAsync(admin, "/api/v1/accounts", new { email = ResellerAdmin, password = Password, role = "reseller", resellerId = reseller });
        var client = await Server.SignInAsync(ClientAdmin, Password);
        await client.Import(Encoding.UTF8.GetBytes(Csv.Write(
        [
            new Dictionary<string, string> { ["First Name"] = "Pat", ["Last Name"] = "Phone", ["Email"] = PbxUser, ["Web Passwords"] = Password, ["Extension"] = "301" },
            new Dictionary<string, string> { ["First Name"] = "<script>alert(1)</script>", ["Last Name"] = "Inert", ["Email"] = $"script-{Tag}@portal.test", ["Extension"] = "302" },
            new Dictionary<string, string> { ["First Name"] = "Ada", ["Last Name"] = "Lovelace", ["Email"] = $"ada-{Tag}@portal.test", ["Extension"] = "303", ["Department"] = "Engineering" },
        ])));

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

    /// <summary>The sizes every new page is shot at: a laptop and a phone.</summary>
    public static readonly ViewportSize Wide = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh browser context, not signed in; <paramref name="viewport"/> null means Playwright's laptop-sized default.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool javaScript = true)
    {
        var options = new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString(), AcceptDownloads = true, JavaScriptEnabled = javaScript };
        if (viewport is not null) options.ViewportSize = viewport;
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in through the login page.</summary>
    public async Task<IPage> SignInAsync(string email, string password = Password, ViewportSize? viewport = null, bool javaScript = true)
    {
        var page = await NewPageAsync(viewport, javaScript);
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AssertSignedInAsync(page, email);
        return page;
    }

    /// <summary>Signed in (the sign-out form shows) or refused (the error shows): either way say what the page said.</summary>
    public static async Task AssertSignedInAsync(IPage page, string email)
    {
        await page.Locator("form.signout, p.error").First.WaitForAsync();
        Assert.True(await page.Locator("form.signout").CountAsync() == 1, $"sign-in of {email} failed at {page.Url}: {await page.Locator("main").InnerTextAsync()}");
    }

    public static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>POSTs JSON that creates something and answers its ID.</summary>
    public static async Task<int> PostForIdAsync(HttpClient http, string path, object body) => (await http.PostJson(path, body))["id"]!.GetValue<int>();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Server.Dispose();
    }
}
