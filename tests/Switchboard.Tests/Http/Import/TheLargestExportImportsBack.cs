using System.Globalization;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// A host whose byte limit is sized for its row limit the way docs/decisions.md says
/// (Import:MaxFileBytes = header + Import:MaxRows × the widest row export can write).
/// </summary>
public sealed class LimitsSizedForTheWidestRows : IDisposable
{
    public const int MaxRows = 30;

    public static long MaxFileBytes { get; } = ExportRowWidth.HeaderBytes() + (long)MaxRows * ExportRowWidth.RowBytes(ExportRowWidth.Widest());

    public SwitchboardApp App { get; } = new();

    public LimitsSizedForTheWidestRows()
    {
        App.ExtraSettings["Import:MaxRows"] = MaxRows.ToString(CultureInfo.InvariantCulture);
        App.ExtraSettings["Import:MaxFileBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// users-csv.md, Import semantics 1: the largest export the row limit allows imports back. As many
/// users as the row limit allows, each as wide as the rules let a user be (every field at its
/// longest, in 3-byte characters, quoted, secrets exported), export to a file the byte limit takes,
/// and that file imports back as all unchanged.
/// </summary>
public sealed class TheLargestExportImportsBack(LimitsSizedForTheWidestRows host) : IClassFixture<LimitsSizedForTheWidestRows>
{
    [Fact]
    public async Task An_export_of_the_row_limit_of_the_widest_users_imports_back_unchanged()
    {
        var w = await World.CreateAsync(host.App);
        var a1 = w.As["A1"];
        for (var i = 0; i < LimitsSizedForTheWidestRows.MaxRows; i++)
        {
            var tag = i.ToString("D4", CultureInfo.InvariantCulture);
            await a1.PostJson("/api/v1/users", new
            {
                firstName = ExportRowWidth.WideText(64, tag), lastName = ExportRowWidth.WideText(64), email = ExportRowWidth.WideEmail(w.Tag + tag),
                webPassword = "Wide-Web-Pass-2024", phoneSecret = ExportRowWidth.WideSecret(), voicemailPin = "5038271946",
                extension = (29_000_000 + i).ToString(CultureInfo.InvariantCulture), department = ExportRowWidth.WideText(64), language = "en-US",
                phoneModelId = w.PmYea, provisioningTemplateId = w.TplYea, macAddress = World.RandomMac(), userProfileId = w.ProfA1,
                forwardNumber = "+" + new string('4', 20), followmeNumber = "+" + new string('3', 20), dndOn = true, callWaitingOn = true,
            });
        }

        var (bytes, rows) = await a1.Export("?includeSecrets=true");
        Assert.Equal(LimitsSizedForTheWidestRows.MaxRows, rows.Count);
        Assert.True(bytes.Length <= LimitsSizedForTheWidestRows.MaxFileBytes, $"the export has {bytes.Length:N0} bytes, the limit is {LimitsSizedForTheWidestRows.MaxFileBytes:N0}");
        // Only the IDs (small here, 10 digits at most) and the IP address (empty here) are narrower than the widest row.
        Assert.True(bytes.Length > LimitsSizedForTheWidestRows.MaxFileBytes * 0.9, $"the export has {bytes.Length:N0} bytes: not near the limit");

        (await a1.Import(bytes)).AssertCounts(created: 0, updated: 0, unchanged: LimitsSizedForTheWidestRows.MaxRows, failed: 0);
    }
}
