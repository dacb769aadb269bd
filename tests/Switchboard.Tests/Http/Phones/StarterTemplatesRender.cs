using System.Xml.Linq;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Phones;

/// <summary>
/// The starter system templates (Yealink, Polycom, Grandstream, Cisco, Snom) are what the demo seed
/// loads, pass the save rule, and render each vendor's keys for a user; the XML ones stay well-formed
/// whatever the user's name holds.
/// </summary>
public sealed class StarterTemplatesRender(DemoApp demo) : IClassFixture<DemoApp>
{
    private static readonly Dictionary<string, string[]> Keys = new()
    {
        ["Yealink starter (Switchboard)"] = ["#!version:1.0.0.1", "account.1.user_name = {ext}", "account.1.auth_name = {ext}", "account.1.password = ••••••",
            "account.1.display_name = {name}", "account.1.sip_server.1.address = {domain}", "lang.gui = English", "static.auto_provision.server.url = http://localhost/provisioning/"],
        ["Polycom starter (Switchboard)"] = ["reg.1.address=\"{ext}\"", "reg.1.auth.userId=\"{ext}\"", "reg.1.auth.password=\"••••••\"", "reg.1.displayName=\"{name}\"",
            "reg.1.server.1.address=\"{domain}\"", "lcl.ml.lang=\"English_United_States\""],
        ["Grandstream starter (Switchboard)"] = ["<P35>{ext}</P35>", "<P36>{ext}</P36>", "<P34>••••••</P34>", "<P3>{name}</P3>", "<P47>{domain}</P47>", "<P1362>en</P1362>", "<mac>{mac}</mac>"],
        ["Cisco starter (Switchboard)"] = ["<User_ID_1_>{ext}</User_ID_1_>", "<Auth_ID_1_>{ext}</Auth_ID_1_>", "<Password_1_>••••••</Password_1_>",
            "<Display_Name_1_>{name}</Display_Name_1_>", "<Proxy_1_>{domain}</Proxy_1_>", "<Language_Selection>English</Language_Selection>"],
        ["Snom starter (Switchboard)"] = ["<user_name idx=\"1\" perm=\"\">{ext}</user_name>", "<user_pass idx=\"1\" perm=\"\">••••••</user_pass>",
            "<user_realname idx=\"1\" perm=\"\">{name}</user_realname>", "<user_host idx=\"1\" perm=\"\">{domain}</user_host>", "<language perm=\"\">English</language>",
            "<dnd_mode perm=\"\">off</dnd_mode>", "<call_waiting perm=\"\">on</call_waiting>"],
    };

    [Fact]
    public async Task The_demo_seed_loads_the_five_starters_and_each_renders_its_vendors_keys()
    {
        var acme = await demo.App.SignInAsync("admin@acme.demo.example", "Demo-Acme-Admin-1");
        var templates = (await acme.GetJson("/api/v1/provisioning-templates?pageSize=500")).Items();
        var starters = templates.Where(t => t.Str("owner") == "system" && Keys.ContainsKey(t.Str("name")!)).ToList();
        Assert.Equal(Keys.Keys.Order(), starters.Select(t => t.Str("name")!).Order());
        var models = (await acme.GetJson("/api/v1/phone-models?pageSize=500")).Items().ToDictionary(m => m.Id(), m => m.Str("vendor"));
        Assert.Equal(["Cisco", "Grandstream", "Polycom", "Snom", "Yealink"], starters.Select(t => models[t["phoneModelId"]!.GetValue<int>()]!).Order());

        var sipDomain = (await acme.GetJson("/api/v1/clients")).Items()[0].Str("sipDomain")!;
        var user = await acme.PostJson("/api/v1/users", new
        {
            firstName = "Tom & <Jerry>", lastName = "O'Hara \"Q\"", email = "starter.check@acme.demo.example", extension = "2999", macAddress = "00:15:65:AA:BB:CC",
            phoneModelId = starters[0]["phoneModelId"]!.GetValue<int>(), provisioningTemplateId = starters[0].Id(),
        });
        foreach (var t in starters)
        {
            var answer = await TemplatesAreLiquid.Preview(acme, t.Id(), user.Id());
            Assert.Null(answer["problem"]);
            var rendered = answer.Str("rendered")!;
            var name = t.Str("name")!;
            if (name.StartsWith("Yealink", StringComparison.Ordinal))
            {
                Assert.StartsWith("#!version:1.0.0.1\n", rendered, StringComparison.Ordinal);
                foreach (var key in Keys[name]) Assert.Contains(Fill(key, "Tom & <Jerry> O'Hara \"Q\"", sipDomain), rendered, StringComparison.Ordinal);
                continue;
            }
            // XML: well-formed with a name full of markup characters, and the values read back as they are.
            var xml = XDocument.Parse(rendered);
            Assert.StartsWith("<?xml", rendered, StringComparison.Ordinal);
            var reread = xml.ToString(SaveOptions.DisableFormatting);
            Assert.Contains("Tom &amp; &lt;Jerry&gt;", rendered, StringComparison.Ordinal);
            var plain = rendered.Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
                .Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&#39;", "'", StringComparison.Ordinal);
            foreach (var key in Keys[name]) Assert.Contains(Fill(key, "Tom & <Jerry> O'Hara \"Q\"", sipDomain), plain, StringComparison.Ordinal);
            Assert.NotEmpty(reread);
        }
    }

    [Fact]
    public async Task A_demo_desk_phone_renders_its_starter_with_its_own_values()
    {
        var acme = await demo.App.SignInAsync("admin@acme.demo.example", "Demo-Acme-Admin-1");
        var desk = (await acme.GetJson("/api/v1/users?pageSize=500")).Items().First(u => u["provisioningTemplateId"] is not null);
        var answer = await TemplatesAreLiquid.Preview(acme, desk["provisioningTemplateId"]!.GetValue<int>(), desk.Id());
        Assert.Contains($"account.1.user_name = {desk.Str("extension")}\n", answer.Str("rendered"), StringComparison.Ordinal);
        Assert.Contains($"account.1.display_name = {desk.Str("firstName")} {desk.Str("lastName")}\n", answer.Str("rendered"), StringComparison.Ordinal);
    }

    private static string Fill(string key, string name, string domain) =>
        key.Replace("{ext}", "2999", StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{domain}", domain, StringComparison.Ordinal).Replace("{mac}", "001565aabbcc", StringComparison.Ordinal);
}

/// <summary><c>--seed starters</c> loads the starters into any database, once: a second start adds nothing.</summary>
public sealed class StartersSeedIsIdempotent
{
    [Fact]
    public async Task Seeding_starters_twice_loads_them_once()
    {
        using var first = new SwitchboardApp();
        first.ExtraSettings["seed"] = "starters";
        var admin = await first.AdminAsync();
        var names = (await admin.GetJson("/api/v1/provisioning-templates?pageSize=500")).Items().Select(t => t.Str("name")).ToList();
        Assert.Equal(5, names.Count(n => n!.EndsWith("starter (Switchboard)", StringComparison.Ordinal)));

        using var second = SwitchboardApp.On(first.Database);
        second.ExtraSettings["seed"] = "starters";
        var again = await second.AdminAsync();
        Assert.Equal(5, (await again.GetJson("/api/v1/provisioning-templates?pageSize=500")).Items().Count(t => t.Str("name")!.EndsWith("starter (Switchboard)", StringComparison.Ordinal)));
        Assert.Equal(5, (await again.GetJson("/api/v1/phone-models?pageSize=500")).Items().Count);
    }
}
