using System.Net;
using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>A host with small, configured import limits (Import:MaxRows = 5, Import:MaxFileBytes = 4096).</summary>
public sealed class SmallImportLimits : IDisposable
{
    public const int MaxRows = 5;
    public const int MaxFileBytes = 4096;

    public SwitchboardApp App { get; } = new();

    public SmallImportLimits()
    {
        App.ExtraSettings["Import:MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.ExtraSettings["Import:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Over the configured row or size limit: the upload answers 413 with one message, as soon as the
/// limit is passed (the rest of the body is never read), and nothing is queued or changed.
/// </summary>
public sealed class ImportLimitsRefuseWholeFiles(SmallImportLimits limits) : IClassFixture<SmallImportLimits>
{
    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_whole_and_one_at_the_limit_is_imported()
    {
        var w = await World.CreateAsync(limits.App);
        var a1 = w.As["A1"];
        var over = Enumerable.Range(0, SmallImportLimits.MaxRows + 1).Select(_ => w.Soft()).ToArray();
        var before = (await a1.GetJson("/api/v1/imports"))["total"]!.GetValue<int>();
        var problem = await (await a1.Upload(Encoding.UTF8.GetBytes(Csv.Write(over)))).ReadProblem();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.Contains("more than 5 data rows", problem.Detail ?? "", StringComparison.Ordinal);
        Assert.Equal(before, (await a1.GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
        Assert.Empty((await a1.Export()).Rows);

        // Exactly at the limit, with blank rows Excel leaves behind (they are not data rows).
        var at = Csv.Write(over[..SmallImportLimits.MaxRows]) + ",,,,\r\n,,,,,,\r\n";
        (await a1.Import(at)).AssertCounts(created: SmallImportLimits.MaxRows, failed: 0);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_answers_413_with_a_problem_and_queues_nothing()
    {
        var w = await World.CreateAsync(limits.App);
        var a1 = w.As["A1"];
        var padded = w.Soft(("Department", new string('x', 60)));
        var csv = Encoding.UTF8.GetBytes(Csv.Write(Enumerable.Range(0, 40).Select(_ => padded)));
        Assert.True(csv.Length > SmallImportLimits.MaxFileBytes);
        var before = (await a1.GetJson("/api/v1/imports"))["total"]!.GetValue<int>();

        var response = await a1.Upload(csv);
        var problem = await response.ReadProblem();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal(before, (await a1.GetJson("/api/v1/imports"))["total"]!.GetValue<int>());
        Assert.Empty((await a1.Export()).Rows);
    }

    [Fact]
    public async Task The_413_message_states_the_configured_limit_rather_than_zero_megabytes()
    {
        var w = await World.CreateAsync(limits.App);
        var csv = Encoding.UTF8.GetBytes(Csv.Write(Enumerable.Range(0, 40).Select(_ => w.Soft(("Department", new string('x', 60))))));
        var problem = await (await w.As["A1"].Upload(csv)).ReadProblem();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.DoesNotMatch(@"\b0 MB\b", problem.Detail ?? "");
    }
}
