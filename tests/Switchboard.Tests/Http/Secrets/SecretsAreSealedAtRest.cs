using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Phone secrets and voicemail PINs are stored sealed (AES-GCM under a data key that Data
/// Protection wraps, its key ring in the database): the database never holds them in plain text,
/// yet exports, the API and a second instance on the same database read them back; values stored
/// in plain text before are sealed when a server starts.
/// </summary>
public sealed class SecretsAreSealedAtRest(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private static readonly string Q = TestDatabase.Q("Users");

    [Fact]
    public async Task Secrets_are_sealed_in_the_database_and_read_back_everywhere()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var rows = Enumerable.Range(0, 5).Select(i => w.Soft(("Phone Secret", $"Sealed-Secret-{i}-{w.Tag}"), ("Voicemail Pin", $"73{i}58"))).ToArray();
        var ids = await a1.CreateUsers(rows);

        var stored = Stored(w.CA1);
        Assert.Equal(5, stored.Count);
        foreach (var (secret, pin) in stored.Values)
        {
            Assert.StartsWith("enc:v1:", secret, StringComparison.Ordinal);
            Assert.StartsWith("enc:v1:", pin, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Tag, secret, StringComparison.Ordinal);
        }

        var (_, exported) = await a1.Export("?includeSecrets=true");
        var byEmail = exported.ByEmail();
        foreach (var r in rows)
        {
            Assert.Equal(r["Phone Secret"], byEmail[r["Email"].ToLowerInvariant()]["Phone Secret"]);
            Assert.Equal(r["Voicemail Pin"], byEmail[r["Email"].ToLowerInvariant()]["Voicemail Pin"].TrimStart('\''));
        }
        var one = await a1.GetUser(ids[0], secrets: true);
        Assert.Equal(rows[0]["Phone Secret"], one["phoneSecret"]!.GetValue<string>());

        // A second instance on the same database reads what the first sealed.
        using var second = SwitchboardApp.On(app.Database);
        var viaSecond = second.CreateClient();
        viaSecond.DefaultRequestHeaders.Authorization = a1.DefaultRequestHeaders.Authorization;
        Assert.Equal(rows[1]["Voicemail Pin"], (await viaSecond.GetUser(ids[1], secrets: true))["voicemailPin"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secrets_stored_in_plain_text_before_are_read_and_sealed_when_a_server_starts()
    {
        var w = await World.CreateAsync(app);
        var ids = await w.As["A1"].CreateUsers(w.Soft(("Phone Secret", $"Old-Plain-Secret-{w.Tag}"), ("Voicemail Pin", "482915")));
        app.Database.Execute($"UPDATE {Q} SET \"PhoneSecret\" = 'Old-Plain-Secret-{w.Tag}', \"VoicemailPin\" = '482915' WHERE \"Id\" = {ids[0]}");
        Assert.Equal($"Old-Plain-Secret-{w.Tag}", (await w.As["A1"].GetUser(ids[0], secrets: true))["phoneSecret"]!.GetValue<string>());

        using var restarted = SwitchboardApp.On(app.Database);
        restarted.CreateClient(); // starts it
        var (secret, pin) = Stored(w.CA1)[ids[0]];
        Assert.StartsWith("enc:v1:", secret, StringComparison.Ordinal);
        Assert.StartsWith("enc:v1:", pin, StringComparison.Ordinal);
        Assert.Equal("482915", (await w.As["A1"].GetUser(ids[0], secrets: true))["voicemailPin"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_seals_the_secrets_it_changes_and_leaves_the_ones_it_keeps_as_stored()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var rows = Enumerable.Range(0, 3).Select(i => w.Soft(("Phone Secret", $"Kept-Secret-{i}-{w.Tag}"), ("Voicemail Pin", $"64{i}39"))).ToArray();
        var ids = await a1.CreateUsers(rows);
        var before = Stored(w.CA1);

        Dictionary<string, string> Edit(int i, string column, string value) =>
            new(rows[i]) { ["ID"] = Kit.I(ids[i]), [column] = value };
        var r = await a1.ImportRows([Edit(0, "Department", "Moved"), Edit(1, "Voicemail Pin", "918273"), Edit(2, "Phone Secret", $"New-Secret-7-{w.Tag}")]);
        r.AssertCounts(created: 0, updated: 3, unchanged: 0, failed: 0);

        var after = Stored(w.CA1);
        Assert.Equal(before[ids[0]], after[ids[0]]);
        Assert.Equal((before[ids[1]].Secret, true), (after[ids[1]].Secret, after[ids[1]].Pin != before[ids[1]].Pin));
        Assert.Equal((before[ids[2]].Pin, true), (after[ids[2]].Pin, after[ids[2]].Secret != before[ids[2]].Secret));
        Assert.All(after.Values.SelectMany(v => new[] { v.Secret, v.Pin }), v => Assert.StartsWith("enc:v1:", v, StringComparison.Ordinal));

        var read = await Task.WhenAll(ids.Select(id => a1.GetUser(id, secrets: true)));
        string[] Secrets(string name) => [.. read.Select(u => u[name]!.GetValue<string>())];
        Assert.Equal([$"Kept-Secret-0-{w.Tag}", $"Kept-Secret-1-{w.Tag}", $"New-Secret-7-{w.Tag}"], Secrets("phoneSecret"));
        Assert.Equal(["64039", "918273", "64239"], Secrets("voicemailPin"));
    }

    private Dictionary<int, (string Secret, string Pin)> Stored(int clientId)
    {
        using var c = app.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT \"Id\", \"PhoneSecret\", \"VoicemailPin\" FROM {Q} WHERE \"ClientId\" = {clientId}";
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<int, (string, string)>();
        while (r.Read()) result[r.GetInt32(0)] = (r.GetString(1), r.GetString(2));
        return result;
    }
}
