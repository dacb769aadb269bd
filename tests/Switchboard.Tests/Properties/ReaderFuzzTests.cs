using System.Text.RegularExpressions;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Values;
using Switchboard.Tests.Rules;
using Xunit.Abstractions;

namespace Switchboard.Tests.Properties;

/// <summary>
/// A seeded random-bytes run over the reader and the rules, in process: every file ends in a parsed
/// result or in <see cref="CsvFileException"/> with a message, never in another exception or a hang.
/// What is parsed is then planned against a small world; the report serialises, secrets stay masked,
/// and the failed-rows file the import would offer is itself a file the reader takes back with the same values.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    public const int Cases = 6_000;

    /// <summary>Not a timing: the run must end at all. Six thousand small files take seconds.</summary>
    private static readonly TimeSpan NeverEnds = TimeSpan.FromMinutes(5);

    private int _current = -1;

    [Fact]
    public async Task Random_files_end_in_a_parsed_result_or_a_file_error_with_a_message_and_nothing_else()
    {
        var seed = Seed.For(20261201);
        var tally = new Tally();
        var run = Task.Run(() => Run(seed, tally));
        if (await Task.WhenAny(run, Task.Delay(NeverEnds)) != run)
            Assert.Fail($"the reader did not finish case {_current} within {NeverEnds.TotalMinutes} minutes {Seed.Replay(seed)}");
        await run;
        output.WriteLine($"{Cases} files {Seed.Replay(seed)}: {tally.Refused} refused whole, {tally.Parsed} parsed into {tally.Rows} rows " +
                         $"({tally.Failed} failed, {tally.Succeeded} created/updated/unchanged), {tally.FailedRowFiles} failed-rows files read back");
        foreach (var (reason, n) in tally.Reasons.OrderByDescending(r => r.Value)) output.WriteLine($"  refused {n,5}: {reason}");
        // The generator reaches both ends, and rules beyond the reader.
        Assert.True(tally.Refused > Cases / 10 && tally.Parsed > Cases / 10 && tally.Failed > 0 && tally.Succeeded > 0,
            $"a degenerate run: {tally} {Seed.Replay(seed)}");
    }

    private void Run(int seed, Tally tally)
    {
        var random = new Random(seed);
        var fuzz = new Fuzz(random);
        for (var i = 0; i < Cases; i++)
        {
            _current = i;
            var bytes = fuzz.Next(i);
            // Small limits now and then, so the row and size refusals are reached too.
            var limits = random.Next(10) == 0 ? new CsvLimits { MaxRows = random.Next(0, 4), MaxFileBytes = random.Next(0, 600) } : new CsvLimits();
            try
            {
                Check(bytes, limits, tally);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i} {Seed.Replay(seed)} ended in {e.GetType().Name}: {e.Message}\nfile (base64): {Convert.ToBase64String(bytes)}\n{e.StackTrace}");
            }
            catch (Xunit.Sdk.XunitException e)
            {
                Assert.Fail($"case {i} {Seed.Replay(seed)}: {e.Message}\nfile (base64): {Convert.ToBase64String(bytes)}");
            }
        }
    }

    private static void Check(byte[] bytes, CsvLimits limits, Tally tally)
    {
        UsersCsvFile file;
        try
        {
            file = UsersCsvFile.Parse(bytes, limits);
        }
        catch (CsvFileException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), "a file error without a message");
            tally.Refused++;
            var reason = Regex.Replace(Regex.Replace(e.Message.Split(['.', ':'])[0], @"\d+", "N"), "column .* appears twice.*", "column … appears twice");
            tally.Reasons[reason] = tally.Reasons.GetValueOrDefault(reason) + 1;
            return;
        }
        tally.Parsed++;
        tally.Rows += file.Inputs.Count;
        var world = new PlanWorld();
        world.AddUser(10, "202");
        var plans = new Planner(world.Context, world.State).Plan(file.Inputs);
        Assert.Equal(file.Inputs.Count, plans.Count);
        foreach (var p in plans)
        {
            Assert.Equal(p.Outcome == RowOutcome.Failed, p.Fails);
            Assert.All(p.Causes, c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
            Assert.All(p.Causes.Where(c => Secret(c.Column)), c => Assert.True(c.Value is "" or Cause.Masked, $"secret echoed: {c.Value}"));
        }
        var failed = plans.Where(p => p.Outcome == RowOutcome.Failed).ToList();
        tally.Failed += failed.Count;
        tally.Succeeded += plans.Count - failed.Count;

        var report = ImportReport.From(plans, file.Warnings);
        Assert.Equal(failed.Count, ImportReport.FromJson(report.ToJson()).Errors.Count);
        if (failed.Count > 0) CheckFailedRowsReadBack(file, failed, tally);
    }

    /// <summary>The failed-rows file imports again: the same rows, the same values, secrets left empty.</summary>
    private static void CheckFailedRowsReadBack(UsersCsvFile file, List<RowPlan> failed, Tally tally)
    {
        var again = UsersCsvFile.Parse(FailedRowsCsv.Write(file, failed), new CsvLimits());
        tally.FailedRowFiles++;
        Assert.Equal(failed.Count, again.Inputs.Count);
        for (var r = 0; r < failed.Count; r++)
        {
            foreach (var col in file.Map.OfType<UserColumn>())
            {
                var before = failed[r].Input[col] ?? "";
                // An ID cell holding a whole row (another delimiter) comes back as its first value only: it may hold secrets.
                if (col == UserColumn.Id && OneCellRow.Looks(before)) before = OneCellRow.FirstValue(before);
                var after = again.Inputs[r][col] ?? "";
                if (col.IsSecret()) Assert.True(after.Length == 0 || Generated.IsKeyword(after), $"{col.Header()} kept a secret");
                else Assert.True(before == after, $"row {failed[r].Line} {col.Header()}: \"{before}\" came back as \"{after}\"");
            }
        }
    }

    private static bool Secret(string header) => UserColumns.Match(header) is { } c && c.IsSecret();

    private sealed class Tally
    {
        public int Refused, Parsed, Rows, Failed, Succeeded, FailedRowFiles;
        public Dictionary<string, int> Reasons { get; } = [];
        public override string ToString() => $"refused {Refused}, parsed {Parsed}, rows {Rows}, failed {Failed}, succeeded {Succeeded}";
    }
}
