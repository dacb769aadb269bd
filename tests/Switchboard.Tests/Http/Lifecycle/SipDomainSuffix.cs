using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Lifecycle;

/// <summary>A host whose client SIP domains must be under voice.test (Sip:DomainSuffix).</summary>
public sealed class SuffixHost : IDisposable
{
    public SwitchboardApp App { get; } = new();

    public SuffixHost() => App.ExtraSettings["Sip:DomainSuffix"] = "voice.test";

    public void Dispose() => App.Dispose();
}

/// <summary>With Sip:DomainSuffix set, no tenant claims a domain outside it, on create or edit; made-up domains go under it.</summary>
public sealed class SipDomainSuffix(SuffixHost host) : IClassFixture<SuffixHost>
{
    [Fact]
    public async Task A_sip_domain_outside_the_configured_suffix_is_refused_and_derived_ones_are_under_it()
    {
        var admin = await host.App.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Suffix {tag}" })).Id();
        var client = await admin.PostJson("/api/v1/clients", new { name = $"Acme {tag}", resellerId = reseller });
        Assert.Equal($"acme-{tag}.voice.test", client.Str("sipDomain"));

        foreach (var domain in new[] { $"acme-{tag}.example.com", "voice.test", $"acme-{tag}.evilvoice.test" })
        {
            var edit = await admin.ProblemOf(HttpMethod.Put, $"/api/v1/clients/{client.Id()}", new { sipDomain = domain });
            Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
            Assert.Contains("voice.test", edit.Json!["errors"]!["sipDomain"]!.ToJsonString());
            var create = await admin.ProblemOf(HttpMethod.Post, "/api/v1/clients", new { name = $"Other {domain}", resellerId = reseller, sipDomain = domain });
            Assert.Equal(HttpStatusCode.BadRequest, create.Status);
        }
        Assert.Equal($"acme-{tag}.voice.test", (await admin.GetJson($"/api/v1/clients/{client.Id()}")).Str("sipDomain"));

        var ok = await admin.PutAsJsonAsync($"/api/v1/clients/{client.Id()}", new { sipDomain = $"pbx.acme-{tag}.voice.test" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal($"pbx.acme-{tag}.voice.test", (await admin.GetJson($"/api/v1/clients/{client.Id()}")).Str("sipDomain"));
    }
}
