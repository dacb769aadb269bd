using Switchboard.Core.Users;

namespace Switchboard.Tests.Rules;

/// <summary>Columns: exact export headers in order, and forgiving header matching on import.</summary>
public sealed class ColumnHeaderTests
{
    [Fact]
    public void Export_headers_are_exactly_the_nineteen_of_the_contract_in_order()
    {
        string[] expected =
        [
            "ID", "First Name", "Last Name", "Email", "Web Passwords", "Phone Secret", "Voicemail Pin",
            "Extension", "Department", "Language", "Phone Model ID", "Provisioning Template ID",
            "Mac Address", "User Profile ID", "Forward Number", "Followme Number", "DND On",
            "Callwaiting on", "IP address",
        ];
        Assert.Equal(expected, UserColumns.Headers);
        Assert.Equal(19, expected.Length);
        Assert.Equal(19, UserColumns.Count);
        Assert.Equal(expected.Length, Enum.GetValues<UserColumn>().Length);
        Assert.Equal(expected.Length, UserColumns.JsonNames.Length);
    }

    [Fact]
    public void Every_export_header_matches_its_own_column()
    {
        for (var i = 0; i < UserColumns.Count; i++)
            Assert.Equal((UserColumn)i, UserColumns.Match(UserColumns.Headers[i]));
    }

    [Theory]
    [InlineData("web_password", UserColumn.WebPassword)]
    [InlineData("WEB PASSWORD", UserColumn.WebPassword)]
    [InlineData("Web-Passwords", UserColumn.WebPassword)]
    [InlineData("Callwaiting On", UserColumn.CallWaitingOn)]
    [InlineData("CALLWAITING_ON", UserColumn.CallWaitingOn)]
    [InlineData("Mac Addresses", UserColumn.MacAddress)]
    [InlineData("mac-address", UserColumn.MacAddress)]
    [InlineData("MACADDRESS", UserColumn.MacAddress)]
    [InlineData("id", UserColumn.Id)]
    [InlineData("IDs", UserColumn.Id)]
    [InlineData("first_name", UserColumn.FirstName)]
    [InlineData("First Names", UserColumn.FirstName)]
    [InlineData("LAST-NAME", UserColumn.LastName)]
    [InlineData("E-mail", UserColumn.Email)]
    [InlineData("Emails", UserColumn.Email)]
    [InlineData("phone_secrets", UserColumn.PhoneSecret)]
    [InlineData("voicemail pins", UserColumn.VoicemailPin)]
    [InlineData("Extensions", UserColumn.Extension)]
    [InlineData("  Department  ", UserColumn.Department)]
    [InlineData("Departments", UserColumn.Department)]
    [InlineData("languages", UserColumn.Language)]
    [InlineData("phone_model_ids", UserColumn.PhoneModelId)]
    [InlineData("Provisioning-Template-ID", UserColumn.ProvisioningTemplateId)]
    [InlineData("user profile ids", UserColumn.UserProfileId)]
    [InlineData("forward_numbers", UserColumn.ForwardNumber)]
    [InlineData("FOLLOWME NUMBER", UserColumn.FollowmeNumber)]
    [InlineData("dnd_on", UserColumn.DndOn)]
    [InlineData("ip addresses", UserColumn.IpAddress)]
    [InlineData("IP_Address", UserColumn.IpAddress)]
    public void Case_spaces_underscores_dashes_and_plurals_do_not_matter(string header, UserColumn column) =>
        Assert.Equal(column, UserColumns.Match(header));

    [Theory]
    [InlineData("")]
    [InlineData("Client")]
    [InlineData("Notes")]
    [InlineData("Phone")]
    [InlineData("Name")]
    [InlineData("Mac")]
    public void Unknown_headers_match_no_column(string header) =>
        Assert.Null(UserColumns.Match(header));

    [Fact]
    public void First_name_last_name_email_and_extension_are_required_to_create()
    {
        Assert.Equal(
            new[] { UserColumn.FirstName, UserColumn.LastName, UserColumn.Email, UserColumn.Extension }.Order(),
            UserColumns.RequiredOnCreate.Order());
    }

    [Theory]
    [InlineData(UserColumn.WebPassword)]
    [InlineData(UserColumn.PhoneSecret)]
    [InlineData(UserColumn.VoicemailPin)]
    public void Secret_columns_are_masked_when_echoed(UserColumn column)
    {
        Assert.True(column.IsSecret());
        Assert.Equal(Cause.Masked, Cause.Echo(column, "Sunny-Harbor-42"));
    }

    [Fact]
    public void Values_echoed_in_reports_are_cut_to_a_readable_length()
    {
        var huge = new string('x', 1024 * 1024);
        var echoed = Cause.For(UserColumn.Department, huge, "Too long.").Value;
        Assert.True(echoed.Length < 200, $"echo is {echoed.Length} characters");
        Assert.StartsWith("xxxxxxxxxx", echoed);
        Assert.Equal("Sales", Cause.Echo(UserColumn.Department, "Sales"));
    }
}
