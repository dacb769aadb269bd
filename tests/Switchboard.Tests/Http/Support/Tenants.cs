using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Support;

/// <summary>
/// Things of client A1 (and of reseller A) for tenancy checks, plus a PBX user of client A2 signed in
/// with email + web password.
/// </summary>
public sealed class A1Things
{
    public required World W { get; init; }
    public required int User { get; init; }
    public required string UserEmail { get; init; }
    public required int Import { get; init; }
    public required int ResellerTemplate { get; init; }
    public required int A1AdminAccount { get; init; }
    public required HttpClient PbxA2 { get; init; }
    public required int PbxA2Id { get; init; }

    public static async Task<A1Things> CreateAsync(SwitchboardApp app)
    {
        var w = await World.CreateAsync(app);
        var person = w.Soft(("Department", "Secret Ops"));
        var ids = await w.As["A1"].CreateUsers(person);
        var import = await w.As["A1"].ImportRows([w.Soft(("Extension", "bad"))]);
        var tplResA = (await w.As["resA"].PostJson("/api/v1/provisioning-templates",
            new { name = $"Reseller A yealink {w.Tag}", phoneModelId = w.PmYea, body = "x" })).Id();
        var accounts = (await w.Admin.GetJson("/api/v1/accounts?pageSize=500")).Items();
        var a1Admin = accounts.Single(a => a.Str("email") == w.Emails["A1"]).Id();
        var pbx = w.Person(("Web Passwords", "Pbx-User-Pass-2468"));
        var pbxId = (await w.As["A2"].CreateUsers(pbx))[0];
        var pbxClient = await app.SignInAsync(pbx["Email"], "Pbx-User-Pass-2468");
        return new A1Things
        {
            W = w, User = ids[0], UserEmail = person["Email"], Import = import.Id, ResellerTemplate = tplResA,
            A1AdminAccount = a1Admin, PbxA2 = pbxClient, PbxA2Id = pbxId,
        };
    }

    /// <summary>Callers outside client A1: its sibling client, the other reseller's client, the other reseller, a PBX user of A2.</summary>
    public IEnumerable<(string Name, HttpClient Http)> Outsiders =>
        [("A2", W.As["A2"]), ("B1", W.As["B1"]), ("resB", W.As["resB"]), ("PBX user of A2", PbxA2)];

    public IEnumerable<(string Name, HttpClient Http)> Insiders =>
        [("A1", W.As["A1"]), ("resA", W.As["resA"]), ("admin", W.Admin)];
}

public static class JsonIds
{
    public static HashSet<int> Ids(this JsonObject page) => page.Items().Select(i => i.Id()).ToHashSet();
}
