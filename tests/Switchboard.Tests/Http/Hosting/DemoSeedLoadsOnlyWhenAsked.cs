using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>A host started with --seed demo.</summary>
public sealed class DemoApp : IDisposable
{
    public SwitchboardApp App { get; } = new();

    public DemoApp() => App.ExtraSettings["seed"] = "demo";

    public void Dispose() => App.Dispose();
}

/// <summary>`--seed demo` loads the world the README lists; without it nothing of it exists.</summary>
public sealed class DemoSeedLoadsOnlyWhenAsked(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_sign_ins_work_and_show_the_demo_users()
    {
        var acme = await demo.App.SignInAsync("admin@acme.demo.example", "Demo-Acme-Admin-1");
        Assert.Equal(36, (await acme.GetJson("/api/v1/users"))["total"]!.GetValue<int>());
        var reseller = await demo.App.SignInAsync("reseller@demo.example", "Demo-Reseller-Pass-1");
        Assert.Equal(2, (await reseller.GetJson("/api/v1/clients"))["total"]!.GetValue<int>());
        var pat = await demo.App.SignInAsync("pat.user@acme.demo.example", "Demo-User-Pass-1");
        Assert.Equal("user", (await pat.GetJson("/api/v1/me"))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_option_there_is_no_demo_world()
    {
        using var plain = new SwitchboardApp();
        var r = await plain.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.demo.example", password = "Demo-Acme-Admin-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}
