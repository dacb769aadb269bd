using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using Switchboard.Tests.Http.Support;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>The sample files in samples/ (what samples/README.md promises) planned against an empty client.</summary>
public sealed class SampleFileTests
{
    static SampleFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static List<RowPlan> Plan(byte[] bytes, out UsersCsvFile file)
    {
        file = UsersCsvFile.Parse(bytes, new CsvLimits());
        return new Planner(new PlanWorld().Context, new FakePlanState()).Plan(file.Inputs);
    }

    [Fact]
    public void Users_with_errors_creates_rows_2_and_9_and_fails_the_others_for_their_documented_reasons()
    {
        var plans = Plan(Samples.Bytes("users-with-errors.csv"), out _);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], plans.Select(p => p.Line));
        PlanAssert.Succeeds(plans[0], RowOutcome.Created);
        PlanAssert.FailsOn(plans[1], C.FirstName);
        Assert.Contains("row 5", PlanAssert.FailsOn(plans[2], C.Email));
        Assert.Contains("row 4", PlanAssert.FailsOn(plans[3], C.Email));
        PlanAssert.FailsOn(plans[4], C.VoicemailPin);
        PlanAssert.FailsOn(plans[5], C.MacAddress);
        Assert.Contains("scientific", PlanAssert.FailsOn(plans[6], C.ForwardNumber), StringComparison.OrdinalIgnoreCase);
        PlanAssert.Succeeds(plans[7], RowOutcome.Created);
    }

    [Fact]
    public void Users_new_creates_three_softphone_users_with_their_values()
    {
        var plans = Plan(Samples.Bytes("users-new.csv"), out var file);
        Assert.Empty(file.Warnings);
        Assert.All(plans, p => PlanAssert.Succeeds(p, RowOutcome.Created));
        Assert.Equal("Bridge, Deck 1", plans[1].After!.Department);
        Assert.Equal("+33123456789", plans[1].After!.ForwardNumber);
        Assert.Equal("O'Neil", plans[2].After!.LastName);
        Assert.Equal("00442079460018", plans[2].After!.FollowmeNumber);
        Assert.Equal("en-US", plans[2].After!.Language);
        Assert.All(plans, p => Assert.Null(p.After!.MacAddress));
    }

    [Fact]
    public void French_excel_semicolon_windows_1252_reads_exactly_with_an_encoding_warning()
    {
        var plans = Plan(Samples.Bytes("users-excel-semicolon-cp1252.csv"), out var file);
        Assert.Single(file.Warnings);
        var p = Assert.Single(plans);
        PlanAssert.Succeeds(p, RowOutcome.Created);
        Assert.Equal("Zoë", p.After!.FirstName);
        Assert.Equal("Façade", p.After.LastName);
        Assert.Equal("Comptabilité", p.After.Department);
        Assert.Equal("Crème-Brûlée-2024", p.NewPassword);
        Assert.False(p.After.DndOn);
        Assert.True(p.After.CallWaitingOn);
    }
}
