using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>The report's failed-rows.csv: the uploaded columns plus Error, secrets left empty, written as safely as an export.</summary>
public sealed class FailedRowsCsvCanBeFixedAndImported(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task Failed_rows_keep_the_uploaded_columns_plus_Error_leave_secrets_empty_and_import_once_fixed()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        // The administrator's own column order, a forgiving header spelling and an unknown column.
        string[] headers = ["Email", "first_name", "Last Name", "Extension", "Notes", "Voicemail PIN", "Phone Secret", "Web Passwords", "Department"];
        var good = w.Soft(("Notes", "keep"));
        var badExt = w.Soft(("Extension", "0042"), ("Notes", "call after 5"), ("Voicemail Pin", "4826"), ("Phone Secret", "SipSecret4Phone77"), ("Web Passwords", "Fix-Me-Password-31"));
        var badEmail = w.Soft(("Email", "nobody-at-example.test"), ("Voicemail Pin", "generate"), ("Department", "=1+1"));
        badEmail["first_name"] = badEmail["First Name"];
        badExt["first_name"] = badExt["First Name"];
        good["first_name"] = good["First Name"];
        badExt["Voicemail PIN"] = badExt["Voicemail Pin"];
        badEmail["Voicemail PIN"] = badEmail["Voicemail Pin"];
        var r = await a1.ImportRows([good, badExt, badEmail], headers);
        r.AssertCounts(created: 1, failed: 2);

        var (bytes, text) = await a1.FailedRowsCsv(r.Id);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = Csv.Records(text);
        Assert.Equal([.. headers, "Error"], records[0]);
        var rows = Csv.Parse(text);
        Assert.Equal(2, rows.Count);
        var (ext, mail) = (rows[0], rows[1]);
        Assert.Equal(badExt["Email"], ext["Email"]);
        Assert.Equal("call after 5", ext["Notes"]);
        Assert.Equal(("", "", ""), (ext["Voicemail PIN"], ext["Phone Secret"], ext["Web Passwords"]));
        Assert.StartsWith("Row 3", ext["Error"], StringComparison.Ordinal);
        Assert.Contains("again", ext["Error"], StringComparison.Ordinal);
        foreach (var secret in new[] { "Web Passwords", "Phone Secret", "Voicemail Pin" })
            Assert.Contains(secret, ext["Error"], StringComparison.Ordinal);
        Assert.StartsWith("Row 4", mail["Error"], StringComparison.Ordinal);
        Assert.Equal("generate", mail["Voicemail PIN"]); // a keyword is not a secret: kept
        Assert.Equal("'=1+1", mail["Department"]);          // guarded like an export

        // Fix the cells, enter the secrets again, and import the file as it is (its Error column is an unknown column).
        ext["Extension"] = "4242";
        ext["Voicemail PIN"] = "4826";
        ext["Phone Secret"] = "SipSecret4Phone77";
        ext["Web Passwords"] = "Fix-Me-Password-31";
        mail["Email"] = $"fixed-{w.Tag}@example.test";
        var again = await a1.ImportRows(rows, [.. headers, "Error"]);
        again.AssertCounts(created: 2, updated: 0, failed: 0);
        Assert.NotEmpty(again.Warnings);

        var (_, exported) = await a1.Export("?includeSecrets=true");
        var byEmail = exported.ByEmail();
        Assert.Equal("=1+1", (await a1.GetUser(int.Parse(byEmail[mail["Email"]]["ID"], System.Globalization.CultureInfo.InvariantCulture))).Str("department"));
        Assert.Equal("'4826", byEmail[badExt["Email"].ToLowerInvariant()]["Voicemail Pin"]);
        await app.SignInAsync(badExt["Email"], "Fix-Me-Password-31");
    }

    [Fact]
    public async Task A_header_cell_that_looks_like_a_formula_is_guarded_in_failed_rows_csv_too()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        string[] headers = [.. Csv.Headers, "=HYPERLINK(\"http://evil.example\",\"x\")"];
        var r = await a1.ImportRows([w.Soft(("Extension", "x"))], headers);
        r.AssertCounts(failed: 1);
        var (_, text) = await a1.FailedRowsCsv(r.Id);
        var header = Csv.Records(text)[0];
        Assert.All(header, h => Assert.False(h.StartsWith('='), $"failed-rows.csv header cell {h} would run as a formula"));
    }
}
