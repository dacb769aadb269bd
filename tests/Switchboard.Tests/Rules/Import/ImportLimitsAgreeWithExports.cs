using Switchboard.Core.Csv;
using Switchboard.Tests.Http.Support;
using Xunit.Abstractions;

namespace Switchboard.Tests.Rules;

/// <summary>
/// users-csv.md, Import semantics 1: the default limits (256 MB, 1,000,000 rows) are set so that an
/// export of as many users as the row limit allows imports back. What that holds for, in bytes per
/// row as export writes them (docs/decisions.md, "Limits that agree"); the widest rows the rules
/// allow are checked end to end in Http/TheLargestExportImportsBack.
/// </summary>
public sealed class ImportLimitsAgreeWithExports(ITestOutputHelper output)
{
    [Fact]
    public void The_default_limits_hold_an_export_of_the_row_limit_of_users_with_every_field_filled()
    {
        var limits = new CsvLimits();
        var row = ExportRowWidth.RowBytes(ExportRowWidth.OrdinaryFull());
        var export = ExportRowWidth.HeaderBytes() + (long)limits.MaxRows * row;
        output.WriteLine($"{row} bytes per row; {limits.MaxRows:N0} rows: {export:N0} bytes of {limits.MaxFileBytes:N0}");
        Assert.True(export <= limits.MaxFileBytes,
            $"an export of {limits.MaxRows:N0} users of {row} bytes each takes {export:N0} bytes, over the {limits.MaxFileBytes:N0} an import takes");
    }

    [Fact]
    public void The_widest_row_costs_at_most_three_bytes_per_character_the_rules_allow_plus_its_framing()
    {
        // 64 × 3 names and department, 254 × 3 email, 128 × 3 secret, cells' quotes, commas, CRLF: the
        // figure docs/decisions.md gives for sizing the byte limit to a row limit.
        var row = ExportRowWidth.RowBytes(ExportRowWidth.Widest());
        output.WriteLine($"the widest row: {row} bytes");
        Assert.InRange(row, 1_850, 1_950);
    }
}
