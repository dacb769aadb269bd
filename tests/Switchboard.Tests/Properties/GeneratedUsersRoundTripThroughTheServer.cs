using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Tests.Infrastructure;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Properties;

/// <summary>
/// Generated users through the real server: created by an import, exported (secrets included),
/// the export holds exactly the generated values (guarded as the one rule says), and the export,
/// untouched or saved again by a spreadsheet, imports as all unchanged.
/// </summary>
public sealed class GeneratedUsersRoundTripThroughTheServer(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    public const int Users = 300;

    [Fact]
    public async Task Generated_users_round_trip_export_then_import_as_all_unchanged()
    {
        var seed = Seed.For(31337);
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var users = new UserGenerator(new Random(seed), w.PmYea, w.TplYea, w.ProfA1).Next(Users);
        var random = new Random(seed);

        var created = await a1.Import(CreateFile(users, random));
        Assert.True(created.Status == "completed" && created.Created == Users && created.Failed == 0,
            $"{Seed.Replay(seed)} create: {created.Json.ToJsonString()}");

        var (bytes, rows) = await a1.Export("?includeSecrets=true");
        Assert.Equal(Users, rows.Count);
        var byEmail = rows.ToDictionary(r => SpreadsheetGuard.Unprotect(r["Email"], SpreadsheetGuard.Kind.Text));
        foreach (var user in users)
        {
            Assert.True(byEmail.TryGetValue(user[C.Email], out var row), $"{Seed.Replay(seed)} {user[C.Email]} is not in the export");
            foreach (var (col, value) in user)
            {
                var cell = row[col.Header()];
                Assert.True(cell == SpreadsheetGuard.Protect(value, col.GuardKind()),
                    $"{Seed.Replay(seed)} {col.Header()} of {user[C.Email]}: generated \"{value}\", exported \"{cell}\"");
            }
        }

        foreach (var (name, file) in SpreadsheetSaves.Resaved(bytes).Prepend(("the export itself", bytes)))
        {
            var again = await a1.Import(file);
            Assert.True(again.Status == "completed" && again.Unchanged == Users && again.Created + again.Updated + again.Failed == 0,
                $"{Seed.Replay(seed)} {name}: {again.Json.ToJsonString()}");
        }
        Assert.Equal(bytes, (await a1.Export("?includeSecrets=true")).Bytes);
    }

    /// <summary>A create file: every value guarded as the export would guard it, MACs in a form the administrator might type.</summary>
    private static byte[] CreateFile(List<Dictionary<C, string>> users, Random random)
    {
        var rows = users.Select(u => (IDictionary<string, string>)u.ToDictionary(
            kv => kv.Key.Header(),
            kv => kv.Key == C.MacAddress && kv.Value.Length > 0 && random.Next(2) == 0
                ? kv.Value.Replace(':', '-').ToLowerInvariant()
                : SpreadsheetGuard.Protect(kv.Value, kv.Key.GuardKind())));
        return Encoding.UTF8.GetBytes(Csv.Write(rows));
    }
}
