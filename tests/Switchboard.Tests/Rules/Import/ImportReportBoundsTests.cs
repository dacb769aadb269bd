using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Tests.Rules;

/// <summary>The Error Log is bounded: a small file of very many bad rows must not make a report of gigabytes.</summary>
public sealed class ImportReportBoundsTests
{
    [Fact]
    public void The_error_log_keeps_the_first_ten_thousand_failed_rows_and_says_how_many_more_failed()
    {
        var w = new PlanWorld();
        var rows = Enumerable.Range(0, ImportReport.MaxErrors + 5).Select(i => Row.New(i + 2, $"u{i}@example.com", "x")).ToArray();
        var plans = w.Plan(rows);
        Assert.All(plans, p => Assert.Equal(RowOutcome.Failed, p.Outcome));

        var report = ImportReport.From(plans, []);
        Assert.Equal(ImportReport.MaxErrors, report.Errors.Count);
        Assert.Equal(2, report.Errors[0].Row);
        Assert.Contains(report.Warnings, x => x.Message.Contains("5 more failed", StringComparison.Ordinal));
    }
}
