using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>The shared sample files (/work/shared/samples, copied here) planned against an empty client.</summary>
public sealed class SampleFileTests
{
    static SampleFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header =
        "ID,First Name,Last Name,Email,Web Passwords,Phone Secret,Voicemail Pin,Extension,Department,Language,Phone Model ID," +
        "Provisioning Template ID,Mac Address,User Profile ID,Forward Number,Followme Number,DND On,Callwaiting on,IP address\r\n";

    private const string WithErrors = Header +
        ",Good,Row,good.row@example.com,Valid-Password-99,,,401,,,,,,,,,,,\r\n" +
        ",,NoFirst,nofirst@example.com,Valid-Password-99,,,402,,,,,,,,,,,\r\n" +
        ",Dup,One,dup@example.com,Valid-Password-99,,,403,,,,,,,,,,,\r\n" +
        ",Dup,Two,DUP@example.com,Valid-Password-99,,,404,,,,,,,,,,,\r\n" +
        ",Weak,Pin,weak.pin@example.com,Valid-Password-99,,1234,405,,,,,,,,,,,\r\n" +
        ",Desk,NoMac,desk.nomac@example.com,Valid-Password-99,,,406,,,1,1,,,,,,,\r\n" +
        ",Sci,Notation,sci@example.com,Valid-Password-99,,,407,,,,,,,4.47946E+11,,,,\r\n" +
        ",Good,Again,good.again@example.com,Valid-Password-99,,,408,,,,,,,,,,,\r\n";

    private const string New = Header +
        ",Maria,Ortega,maria.ortega@example.com,Sunny-Harbor-42,,,201,Sales,es,,,,,,,No,Yes,\r\n" +
        ",Jean-Luc,Picard,jl.picard@example.com,Earl-Grey-Hot-1701,,,202,\"Bridge, Deck 1\",fr,,,,,+33 1 23 45 67 89,,Yes,No,\r\n" +
        ",Ann,O'Neil,ann.oneil@example.com,Quiet-Lake-Morning-7,,,203,Support,en-US,,,,,,0044 20 7946 0018,,,\r\n";

    private const string FrenchExcel =
        "ID;First Name;Last Name;Email;Web Passwords;Phone Secret;Voicemail Pin;Extension;Department;Language;Phone Model ID;" +
        "Provisioning Template ID;Mac Address;User Profile ID;Forward Number;Followme Number;DND On;Callwaiting on;IP address\r\n" +
        ";Zoë;Façade;zoe.facade@example.com;Crème-Brûlée-2024;;;301;Comptabilité;fr;;;;;;;Non;1;\r\n";

    private static List<RowPlan> Plan(byte[] bytes, out UsersCsvFile file)
    {
        file = UsersCsvFile.Parse(bytes, new CsvLimits());
        return new Planner(new PlanWorld().Context, new FakePlanState()).Plan(file.Inputs);
    }

    private static byte[] Utf8Bom(string s) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(s)];

    [Fact]
    public void Users_with_errors_creates_rows_2_and_9_and_fails_the_others_for_their_documented_reasons()
    {
        var plans = Plan(Utf8Bom(WithErrors), out _);
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
        var plans = Plan(Utf8Bom(New), out var file);
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
        var plans = Plan(Encoding.GetEncoding(1252).GetBytes(FrenchExcel), out var file);
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
