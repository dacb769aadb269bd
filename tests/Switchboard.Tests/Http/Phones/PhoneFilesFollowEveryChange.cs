using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;
using static Switchboard.Tests.Http.Phones.PhoneFetch;

namespace Switchboard.Tests.Http.Phones;

/// <summary>Two instances on one database, as behind a load balancer: changes are made through the first, phones fetch from both.</summary>
public sealed class TwoInstances : IDisposable
{
    public SwitchboardApp App { get; } = new();
    public SwitchboardApp Other { get; }

    public TwoInstances()
    {
        Other = SwitchboardApp.On(App.Database);
        Other.RunsImports = false;
    }

    public void Dispose()
    {
        Other.Dispose();
        App.Dispose();
    }
}

/// <summary>
/// Provisioning keeps what a phone's file is made of in memory (Phones/Provisioning/PhoneFileCache):
/// every change to what the file holds shows in the very next fetch, on the instance that made the
/// change and on another one. Each test fetches first (so the file is kept), changes one thing, and
/// fetches again from both instances; a kept file that was not dropped fails it.
/// </summary>
public sealed class PhoneFilesFollowEveryChange(TwoInstances host) : IClassFixture<TwoInstances>
{
    private const string Body =
        "ext={{extension}}\nsecret={{phone_secret}}\nname={{display_name}}\nemail={{email}}\ndept={{department}}\nlang={{language}}\n" +
        "domain={{sip_domain}}\nclient={{client_name}}\ndnd={{dnd_on}}\nfwd={{forward_number}}\n";

    private SwitchboardApp App => host.App;

    private sealed record Phone(ProvisioningWorld P, int Id, string Mac)
    {
        public string File => Hex(Mac) + ".cfg";
    }

    private async Task<Phone> PhoneAsync(string body = Body)
    {
        var p = await ProvisioningWorld.CreateAsync(App);
        var (id, mac) = await p.DeskPhoneAsync(body: body);
        var phone = new Phone(p, id, mac);
        // Fetched twice from each instance: what follows is answered from memory unless a change drops it.
        for (var i = 0; i < 2; i++)
        {
            await OkFrom(App, phone);
            await OkFrom(host.Other, phone);
        }
        return phone;
    }

    private static async Task<string> OkFrom(SwitchboardApp app, Phone phone, string? file = null, string? password = null)
    {
        var r = await phone.P.Fetch(app, file ?? phone.File, password: password);
        Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status} {r.Text}");
        return r.Text;
    }

    /// <summary>The file as both instances serve it now; they must agree.</summary>
    private async Task<string> FileNow(Phone phone, string? file = null)
    {
        var here = await OkFrom(App, phone, file);
        var there = await OkFrom(host.Other, phone, file);
        Assert.Equal(here, there);
        return here;
    }

    private async Task AssertNotFound(Phone phone, string? file = null, string? username = null, string? password = null)
    {
        var unknown = await phone.P.Fetch(App, Hex(World.RandomMac()) + ".cfg");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        foreach (var app in new[] { App, host.Other })
        {
            var r = await GetAsync(app, file ?? phone.File, PhoneAuth.Basic, username ?? phone.P.Username, password ?? phone.P.Password, address: ProvisioningWorld.NewAddress());
            Assert.True(r.Status == HttpStatusCode.NotFound, $"{r.Status} {r.Text}");
            Assert.True(unknown.Body.AsSpan().SequenceEqual(r.Body) && unknown.Headers == r.Headers, "not the one 404");
        }
    }

    private static async Task Put(HttpClient http, string path, object body)
    {
        var r = await http.PutAsJsonAsync(path, body);
        Assert.True(r.IsSuccessStatusCode, $"PUT {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_user_edited_through_the_api_is_served_as_edited()
    {
        var phone = await PhoneAsync();
        Assert.Contains("dept=\n", await FileNow(phone));
        await Put(phone.P.W.As["A1"], $"/api/v1/users/{phone.Id}", new { department = "Edited by API", dndOn = true, forwardNumber = "+442079460000" });
        var file = await FileNow(phone);
        Assert.Contains("dept=Edited by API\n", file);
        Assert.Contains("dnd=true\n", file);
        Assert.Contains("fwd=+442079460000\n", file);
    }

    [Fact]
    public async Task A_new_phone_secret_and_extension_are_served_at_once()
    {
        var phone = await PhoneAsync();
        var a1 = phone.P.W.As["A1"];
        await Put(a1, $"/api/v1/users/{phone.Id}", new { phoneSecret = "Brand-New-Secret-77", extension = "7788" });
        var file = await FileNow(phone);
        Assert.Contains("secret=Brand-New-Secret-77\n", file);
        Assert.Contains("ext=7788\n", file);
    }

    [Fact]
    public async Task A_user_edited_on_its_page_is_served_as_edited()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var browser = await App.SignedIn(w.Emails["A1"], SwitchboardApp.AdminPass);
        var path = $"/users/edit/{phone.Id}";
        var token = await browser.FormToken(path);
        var u = await w.As["A1"].GetUser(phone.Id, secrets: true);
        string S(string name) => u[name] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : "";
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        foreach (var name in new[] { "firstName", "lastName", "email", "extension", "language", "phoneModelId", "provisioningTemplateId", "macAddress",
                     "userProfileId", "forwardNumber", "followmeNumber", "phoneSecret", "voicemailPin" })
            form[name] = S(name);
        form["department"] = "Edited on the page";
        form["firstName"] = "Paige";
        form["webPassword"] = "";
        if (u["callWaitingOn"]?.GetValue<bool>() == true) form["callWaitingOn"] = "true";
        var r = await browser.PostAsync(path, new FormUrlEncodedContent(form));
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"page save: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var file = await FileNow(phone);
        Assert.Contains("dept=Edited on the page\n", file);
        Assert.Contains("name=Paige ", file);
    }

    [Fact]
    public async Task A_user_changed_by_an_import_and_back_by_its_undo_is_served_each_time()
    {
        var phone = await PhoneAsync();
        var a1 = phone.P.W.As["A1"];
        var import = await a1.ImportRows([new Dictionary<string, string> { ["ID"] = Kit.I(phone.Id), ["Department"] = "Imported" }], ["ID", "Department"]);
        import.AssertCounts(updated: 1, failed: 0);
        Assert.Contains("dept=Imported\n", await FileNow(phone));
        (await a1.Undo(import.Id)).AssertCounts(failed: 0);
        Assert.Contains("dept=\n", await FileNow(phone));
    }

    [Fact]
    public async Task A_template_edit_is_served_at_once()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var u = await w.As["A1"].GetUser(phone.Id);
        var template = u["provisioningTemplateId"]!.GetValue<int>();
        var model = u["phoneModelId"]!.GetValue<int>();
        await Put(w.Admin, $"/api/v1/provisioning-templates/{template}", new { name = $"Edited {Guid.NewGuid():N}", phoneModelId = model, body = "edited template {{extension}}\n" });
        Assert.Equal($"edited template {u.Str("extension")}\n", await FileNow(phone));
    }

    [Fact]
    public async Task A_phone_model_given_another_vendor_changes_which_file_names_answer()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var model = (await w.As["A1"].GetUser(phone.Id))["phoneModelId"]!.GetValue<int>();
        await Put(w.Admin, $"/api/v1/phone-models/{model}", new { vendor = "Grandstream", model = $"GXP-{Guid.NewGuid():N}"[..20] });
        await AssertNotFound(phone);                                   // <mac>.cfg is not a Grandstream name
        await FileNow(phone, "cfg" + Hex(phone.Mac) + ".xml");
    }

    [Fact]
    public async Task A_user_moved_to_another_phone_model_and_template_is_served_its_new_file()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        await Put(w.As["A1"], $"/api/v1/users/{phone.Id}", new { phoneModelId = w.PmPoly, provisioningTemplateId = w.TplPolyA1 });
        var ext = (await w.As["A1"].GetUser(phone.Id)).Str("extension");
        Assert.Equal($"account.1.user_name = {ext}\n", await FileNow(phone));
    }

    [Fact]
    public async Task A_client_with_a_new_sip_domain_name_and_language_is_served_them()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var client = await w.Admin.GetJson($"/api/v1/clients/{w.CA1}");
        var domain = "moved-" + client.Str("sipDomain");
        var name = $"Renamed A1 {w.Tag}";
        await Put(w.Admin, $"/api/v1/clients/{w.CA1}", new { name, sipDomain = domain, defaultLanguage = "de" });
        var file = await FileNow(phone);
        Assert.Contains($"domain={domain}\n", file);
        Assert.Contains($"client={name}\n", file);
        Assert.Contains("lang=de\n", file);
    }

    [Fact]
    public async Task A_deleted_user_is_the_one_404_on_every_instance()
    {
        var phone = await PhoneAsync();
        var r = await phone.P.W.As["A1"].DeleteAsync($"/api/v1/users/{phone.Id}");
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        await AssertNotFound(phone);
    }

    [Fact]
    public async Task A_retired_previous_password_stops_working_on_every_instance_at_once()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var second = await w.As["resA"].PostJson($"/api/v1/resellers/{w.ResA}/provisioning/password", new { }, HttpStatusCode.OK);
        var newPassword = second.Str("password")!;
        foreach (var app in new[] { App, host.Other })
        {
            await OkFrom(app, phone, password: newPassword);
            await OkFrom(app, phone);                                 // the previous one, in its grace period
        }
        Assert.Equal(HttpStatusCode.OK, (await w.As["resA"].DeleteAsync($"/api/v1/resellers/{w.ResA}/provisioning/previous-password")).StatusCode);
        foreach (var app in new[] { App, host.Other })
        {
            foreach (var auth in new[] { PhoneAuth.Basic, PhoneAuth.DigestMd5 })
            {
                var old = await GetAsync(app, phone.File, auth, phone.P.Username, phone.P.Password, address: ProvisioningWorld.NewAddress());
                Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
            }
            await OkFrom(app, phone, password: newPassword);
        }
    }

    [Fact]
    public async Task A_kept_file_is_never_served_to_another_resellers_credentials_nor_after_its_mac_moved_to_another_reseller()
    {
        var phone = await PhoneAsync();
        var w = phone.P.W;
        var b = await w.As["resB"].PostJson($"/api/v1/resellers/{w.ResB}/provisioning/password", new { }, HttpStatusCode.OK);
        var (bUser, bPassword) = (b.Str("username")!, b.Str("password")!);
        // Kept for reseller A's phone: reseller B's credentials get the one 404 on both instances.
        await AssertNotFound(phone, username: bUser, password: bPassword);

        // The MAC moves to a user of reseller B's client: A's credentials no longer reach it, B's get B's user's file.
        await Put(w.As["A1"], $"/api/v1/users/{phone.Id}", new { macAddress = World.RandomMac() });
        var model = (await w.Admin.PostJson("/api/v1/phone-models", new { vendor = "Yealink", model = $"B-{Guid.NewGuid():N}"[..20] })).Id();
        var template = (await w.Admin.PostJson("/api/v1/provisioning-templates", new { name = $"B {Guid.NewGuid():N}", phoneModelId = model, body = "b file {{extension}}\n" })).Id();
        var bId = (await w.As["B1"].CreateUsers(w.Soft(("Phone Model ID", Kit.I(model)), ("Provisioning Template ID", Kit.I(template)), ("Mac Address", phone.Mac))))[0];
        await AssertNotFound(phone);
        var ext = (await w.As["B1"].GetUser(bId)).Str("extension");
        foreach (var app in new[] { App, host.Other })
        {
            var r = await GetAsync(app, phone.File, PhoneAuth.Basic, bUser, bPassword, address: ProvisioningWorld.NewAddress());
            Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status} {r.Text}");
            Assert.Equal($"b file {ext}\n", r.Text);
        }
    }
}
