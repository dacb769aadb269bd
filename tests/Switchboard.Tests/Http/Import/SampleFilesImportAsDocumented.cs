using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Each file in samples/, imported by a fresh client administrator, gives what samples/README.md says.</summary>
public sealed class SampleFilesImportAsDocumented(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Users_new_creates_three_softphone_users_and_its_export_reimports_as_three_unchanged()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        (await a1.Import(Samples.Bytes("users-new.csv"))).AssertCounts(created: 3, updated: 0, unchanged: 0, failed: 0);

        var (bytes, rows) = await a1.Export();
        Assert.Equal(3, rows.Count);
        var u = rows.ByEmail();
        Assert.Equal("Bridge, Deck 1", u["jl.picard@example.com"]["Department"]);
        Assert.Equal("O'Neil", u["ann.oneil@example.com"]["Last Name"]);
        Assert.Equal("'+33123456789", u["jl.picard@example.com"]["Forward Number"]);
        Assert.Equal("'00442079460018", u["ann.oneil@example.com"]["Followme Number"]);
        Assert.Equal(["es", "fr", "en-US"], new[] { "maria.ortega@example.com", "jl.picard@example.com", "ann.oneil@example.com" }.Select(e => u[e]["Language"]));
        Assert.Equal(("No", "Yes"), (u["maria.ortega@example.com"]["DND On"], u["maria.ortega@example.com"]["Callwaiting on"]));
        Assert.Equal(("Yes", "No"), (u["jl.picard@example.com"]["DND On"], u["jl.picard@example.com"]["Callwaiting on"]));
        Assert.Equal(("No", "Yes"), (u["ann.oneil@example.com"]["DND On"], u["ann.oneil@example.com"]["Callwaiting on"]));
        Assert.All(rows, r => Assert.Equal(("", ""), (r["Phone Model ID"], r["Provisioning Template ID"])));

        (await a1.Import(bytes)).AssertCounts(created: 0, updated: 0, unchanged: 3, failed: 0);
        // The web passwords in the file were set: the users can sign in with them.
        var maria = await app.SignInAsync("maria.ortega@example.com", "Sunny-Harbor-42");
        Assert.Equal("user", (await maria.GetJson("/api/v1/me")).Str("role"));
    }

    [Fact]
    public async Task Excel_semicolon_cp1252_file_is_read_with_an_encoding_warning_and_names_come_back_exactly()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var report = await a1.Import(Samples.Bytes("users-excel-semicolon-cp1252.csv"));
        report.AssertCounts(created: 1, updated: 0, unchanged: 0, failed: 0);
        Assert.Contains(report.Warnings, x => x!["message"]!.GetValue<string>().Contains("1252", StringComparison.Ordinal));

        var (_, rows) = await a1.Export();
        var id = int.Parse(Assert.Single(rows)["ID"], System.Globalization.CultureInfo.InvariantCulture);
        var user = await a1.GetUser(id);
        Assert.Equal("Zoë", user.Str("firstName"));
        Assert.Equal("Façade", user.Str("lastName"));
        Assert.Equal("Comptabilité", user.Str("department"));
        Assert.Equal("301", user.Str("extension"));
        Assert.Equal("fr", user.Str("language"));
        Assert.False(user["dndOn"]!.GetValue<bool>());
        Assert.True(user["callWaitingOn"]!.GetValue<bool>());
        // The password was decoded from Windows-1252 too: "Crème-Brûlée-2024" signs in.
        await app.SignInAsync("zoe.facade@example.com", "Crème-Brûlée-2024");
    }

    [Fact]
    public async Task Users_with_errors_creates_rows_2_and_9_and_explains_each_failing_row()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var r = await a1.Import(Samples.Bytes("users-with-errors.csv"));
        r.AssertCounts(created: 2, updated: 0, unchanged: 0, failed: 6);
        Assert.Equal([3, 4, 5, 6, 7, 8], r.FailedRows);

        Assert.Contains("First Name", r.Columns(3));
        Assert.Matches(@"\b5\b", r.Said(4, "Email"));
        Assert.Matches(@"\b4\b", r.Said(5, "Email"));
        Assert.Equal(["Voicemail Pin"], r.Columns(6));
        Assert.Contains("Mac Address", r.Columns(7));
        Assert.Equal(["Forward Number"], r.Columns(8));
        Assert.Contains("scientific", r.Said(8), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Text", r.Said(8), StringComparison.Ordinal); // how to avoid it: format the column as Text
        // The Error Log identifies each row by what was given.
        var row4 = r.Errors.Single(e => e!["row"]!.GetValue<int>() == 4)!;
        Assert.Equal("dup@example.com", row4["email"]!.GetValue<string>());
        Assert.Equal("Dup One", row4["name"]!.GetValue<string>());

        var (_, rows) = await a1.Export();
        Assert.Equal(["good.again@example.com", "good.row@example.com"], rows.Select(x => x["Email"]).Order());
    }
}
