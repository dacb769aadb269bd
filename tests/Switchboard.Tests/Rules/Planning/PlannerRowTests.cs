using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Values;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>Columns (create/update semantics) and Import semantics 2, 4 and 8 for single rows.</summary>
public sealed class PlannerRowTests
{
    private readonly PlanWorld w = new();

    [Fact]
    public void A_create_row_gets_the_documented_defaults()
    {
        var p = w.PlanOne(Row.New(2, "ann.lee@example.com", "201",
            (C.WebPassword, ""), (C.PhoneSecret, ""), (C.VoicemailPin, ""), (C.Language, ""), (C.DndOn, ""), (C.CallWaitingOn, ""),
            (C.PhoneModelId, ""), (C.ProvisioningTemplateId, ""), (C.MacAddress, "")));
        PlanAssert.Succeeds(p, RowOutcome.Created);
        var u = p.After!;
        Assert.False(u.DndOn);
        Assert.True(u.CallWaitingOn);
        Assert.Null(u.Language);
        Assert.Null(u.PhoneModelId);
        Assert.Null(u.ProvisioningTemplateId);
        Assert.Null(u.MacAddress);
        Assert.Null(p.NewPassword);
        Assert.Null(PhoneSecretValue.Check(u.PhoneSecret, "201"));
        Assert.Null(PinValue.Check(u.VoicemailPin, "201"));
    }

    [Fact]
    public void A_create_row_without_the_secret_and_pin_columns_generates_them()
    {
        var p = w.PlanOne(Row.New(2, "ann.lee@example.com", "201"));
        PlanAssert.Succeeds(p, RowOutcome.Created);
        Assert.Null(PhoneSecretValue.Check(p.After!.PhoneSecret, "201"));
        Assert.Null(PinValue.Check(p.After.VoicemailPin, "201"));
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("GENERATE")]
    public void A_create_row_may_ask_for_a_generated_secret_and_pin(string keyword)
    {
        var p = w.PlanOne(Row.New(2, "ann.lee@example.com", "201", (C.PhoneSecret, keyword), (C.VoicemailPin, keyword)));
        PlanAssert.Succeeds(p, RowOutcome.Created);
        Assert.Null(PhoneSecretValue.Check(p.After!.PhoneSecret, "201"));
        Assert.Null(PinValue.Check(p.After.VoicemailPin, "201"));
    }

    [Fact]
    public void A_create_row_keeps_given_values_in_their_normalised_form()
    {
        var p = w.PlanOne(Row.New(2, "ann.lee@example.com", "201",
            (C.Department, "Sales"), (C.Language, "French"), (C.ForwardNumber, "+33 1 23 45 67 89"),
            (C.FollowmeNumber, "(415) 555-0100"), (C.DndOn, "oui"), (C.CallWaitingOn, "nein"),
            (C.PhoneSecret, "Sunny-Harbor-42"), (C.VoicemailPin, "4829"), (C.UserProfileId, PlanWorld.Profile.ToString())));
        PlanAssert.Succeeds(p, RowOutcome.Created);
        var u = p.After!;
        Assert.Equal("Sales", u.Department);
        Assert.Equal("fr", u.Language);
        Assert.Equal("+33123456789", u.ForwardNumber);
        Assert.Equal("4155550100", u.FollowmeNumber);
        Assert.True(u.DndOn);
        Assert.False(u.CallWaitingOn);
        Assert.Equal("Sunny-Harbor-42", u.PhoneSecret);
        Assert.Equal("4829", u.VoicemailPin);
        Assert.Equal(PlanWorld.Profile, u.UserProfileId);
    }

    [Theory]
    [InlineData(C.FirstName)]
    [InlineData(C.LastName)]
    [InlineData(C.Email)]
    [InlineData(C.Extension)]
    public void A_required_column_absent_makes_every_create_row_fail_but_updates_still_apply(C missing)
    {
        w.AddUser(7, "207");
        var rows = new[] { Row.New(2, "a@example.com", "201"), Row.New(3, "b@example.com", "202"), Row.Update(4, 7, (C.Department, "Support")) };
        foreach (var r in rows.Take(2)) r.Cells[(int)missing] = null;
        var plans = w.Plan(rows);
        PlanAssert.FailsOn(plans[0], missing);
        PlanAssert.FailsOn(plans[1], missing);
        PlanAssert.Succeeds(plans[2], RowOutcome.Updated);
    }

    [Theory]
    [InlineData(C.FirstName)]
    [InlineData(C.LastName)]
    [InlineData(C.Email)]
    [InlineData(C.Extension)]
    public void A_required_value_left_empty_fails_the_row_on_create_and_on_update(C column)
    {
        w.AddUser(7, "207");
        var create = Row.New(2, "a@example.com", "201");
        create.Cells[(int)column] = "";
        var plans = w.Plan(create, Row.Update(3, 7, (column, "")));
        PlanAssert.FailsOn(plans[0], column);
        PlanAssert.FailsOn(plans[1], column);
    }

    [Fact]
    public void An_absent_column_leaves_the_field_unchanged()
    {
        var before = w.AddUser(7, "207");
        before.Department = "Sales";
        before.ForwardNumber = "+14155550100";
        before.DndOn = true;
        before.Language = "de";
        var p = w.PlanOne(Row.Update(2, 7, (C.Department, "Support")));
        PlanAssert.Succeeds(p, RowOutcome.Updated);
        Assert.Equal("Support", p.After!.Department);
        p.After.Department = "Sales";
        Assert.True(p.After.SameAs(before), "a field whose column is absent changed");
    }

    [Fact]
    public void On_update_empty_means_cleared_for_department_profile_and_dial_strings_and_client_default_for_language()
    {
        var before = w.AddUser(7, "207");
        before.Department = "Sales";
        before.UserProfileId = PlanWorld.Profile;
        before.ForwardNumber = "+14155550100";
        before.FollowmeNumber = "4155550101";
        before.Language = "de";
        var p = w.PlanOne(Row.Update(2, 7, (C.Department, ""), (C.UserProfileId, ""), (C.ForwardNumber, ""),
            (C.FollowmeNumber, ""), (C.Language, "")));
        PlanAssert.Succeeds(p, RowOutcome.Updated);
        Assert.Null(p.After!.Department);
        Assert.Null(p.After.UserProfileId);
        Assert.Null(p.After.ForwardNumber);
        Assert.Null(p.After.FollowmeNumber);
        Assert.Null(p.After.Language);
    }

    [Fact]
    public void On_update_empty_secrets_pin_password_and_booleans_are_unchanged()
    {
        var before = w.AddUser(7, "207");
        before.DndOn = true;
        before.CallWaitingOn = false;
        var p = w.PlanOne(Row.Update(2, 7, (C.WebPassword, ""), (C.PhoneSecret, ""), (C.VoicemailPin, ""),
            (C.DndOn, ""), (C.CallWaitingOn, "")));
        PlanAssert.Succeeds(p, RowOutcome.Unchanged);
        Assert.Null(p.NewPassword);
        Assert.True(p.After!.SameAs(before));
    }

    [Fact]
    public void Generate_sets_a_new_random_phone_secret_and_pin_on_update()
    {
        var before = w.AddUser(7, "207");
        var p = w.PlanOne(Row.Update(2, 7, (C.PhoneSecret, "generate"), (C.VoicemailPin, "Generate")));
        PlanAssert.Succeeds(p, RowOutcome.Updated);
        Assert.NotEqual(before.PhoneSecret, p.After!.PhoneSecret);
        Assert.NotEqual("generate", p.After.PhoneSecret);
        Assert.Null(PhoneSecretValue.Check(p.After.PhoneSecret, "207"));
        Assert.Null(PinValue.Check(p.After.VoicemailPin, "207"));
    }

    [Fact]
    public void A_web_password_always_counts_as_an_update()
    {
        var before = w.AddUser(7, "207");
        var row = Row.Exported(2, before);
        row.Cells[(int)C.WebPassword] = "Sunny-Harbor-42";
        var p = w.PlanOne(row);
        PlanAssert.Succeeds(p, RowOutcome.Updated);
        Assert.Equal("Sunny-Harbor-42", p.NewPassword);
    }

    [Fact]
    public void The_ip_address_column_never_sets_anything()
    {
        var before = w.AddUser(7, "207");
        before.IpAddress = "10.0.0.9";
        var row = Row.Exported(2, before);
        row.Cells[(int)C.IpAddress] = "192.168.1.50";
        var p = w.PlanOne(row);
        PlanAssert.Succeeds(p, RowOutcome.Unchanged);
        Assert.Equal("10.0.0.9", p.After!.IpAddress);
        var created = w.PlanOne(Row.New(3, "new@example.com", "301", (C.IpAddress, "192.168.1.51")));
        PlanAssert.Succeeds(created, RowOutcome.Created);
        Assert.Null(created.After!.IpAddress);
    }

    [Theory]
    [InlineData(C.FirstName, "Ann\u200B")]
    [InlineData(C.LastName, "Lee\u202E")]
    [InlineData(C.Department, "Sa\u0007les")]
    [InlineData(C.Department, "Sales\nEMEA")]
    [InlineData(C.Email, "ann\u200B@example.com")]
    [InlineData(C.FirstName, "A very long first name that goes on and on and on past sixty-four c")]
    [InlineData(C.Extension, "0201")]
    [InlineData(C.Extension, "9110")]
    [InlineData(C.VoicemailPin, "1234")]
    [InlineData(C.VoicemailPin, "201")]
    [InlineData(C.PhoneSecret, "short1")]
    [InlineData(C.PhoneSecret, "abc201defghij")]
    [InlineData(C.WebPassword, "short-pw1")]
    [InlineData(C.WebPassword, "ann.lee@example.com")]
    [InlineData(C.Language, "Klingon")]
    [InlineData(C.ForwardNumber, "1.41555E+10")]
    [InlineData(C.FollowmeNumber, "ext 12")]
    [InlineData(C.DndOn, "maybe")]
    [InlineData(C.CallWaitingOn, "2")]
    [InlineData(C.MacAddress, "01:00:5E:00:00:01")]
    [InlineData(C.UserProfileId, "51")]
    [InlineData(C.UserProfileId, "x")]
    public void A_create_row_with_one_bad_value_fails_whole_naming_that_column(C column, string value)
    {
        var row = Row.New(2, "ann.lee@example.com", "201");
        row.Cells[(int)column] = value;
        if (column == C.MacAddress)
        {
            row.Cells[(int)C.PhoneModelId] = PlanWorld.Model.ToString();
            row.Cells[(int)C.ProvisioningTemplateId] = PlanWorld.Template.ToString();
        }
        var p = w.PlanOne(row);
        PlanAssert.FailsOn(p, column);
        Assert.False(p.Changes);
    }

    [Fact]
    public void Every_row_without_an_error_is_applied_even_when_other_rows_fail()
    {
        w.AddUser(7, "207");
        w.AddUser(8, "208");
        var plans = w.Plan(
            Row.New(2, "good@example.com", "301"),
            Row.New(3, "bad@example.com", "302", (C.VoicemailPin, "1111")),
            Row.Update(4, 7, (C.Department, "Support")),
            Row.Update(5, 8, (C.Department, "Sales"), (C.Extension, "0208")),
            Row.New(6, "also.good@example.com", "303"));
        PlanAssert.Succeeds(plans[0], RowOutcome.Created);
        PlanAssert.FailsOn(plans[1], C.VoicemailPin);
        PlanAssert.Succeeds(plans[2], RowOutcome.Updated);
        PlanAssert.FailsOn(plans[3], C.Extension);
        PlanAssert.Succeeds(plans[4], RowOutcome.Created);
    }

    [Fact]
    public void An_untouched_exported_row_is_unchanged_and_writes_nothing()
    {
        var u = w.AddUser(7, "207");
        u.Department = "058213";
        u.Language = "fr-CA";
        u.ForwardNumber = "+442079460000";
        u.UserProfileId = PlanWorld.Profile;
        u.DndOn = true;
        u.IpAddress = "10.0.0.9";
        var d = w.AddDeskUser(8, "208", "00:15:65:12:34:AB");
        var plans = w.Plan(Row.Exported(2, u), Row.Exported(3, d));
        foreach (var p in plans)
        {
            PlanAssert.Succeeds(p, RowOutcome.Unchanged);
            Assert.False(p.Changes);
        }
    }

    [Theory]
    [InlineData("0123", "4829", "Kx7mPq2wZr9tYb4n", "legacy@example.com")]
    [InlineData("207", "1234", "Kx7mPq2wZr9tYb4n", "legacy@example.com")]
    [InlineData("207", "1111", "Kx7mPq2wZr9tYb4n", "legacy@example.com")]
    [InlineData("207", "4829", "short", "legacy@example.com")]
    [InlineData("207", "4829", "Kx7mPq207Zr9tYb4n", "legacy@example.com")]
    [InlineData("9110", "4829", "Kx7mPq2wZr9tYb4n", "legacy@example.com")]
    [InlineData("207", "4829", "Kx7mPq2wZr9tYb4n", "legacy@localhost")]
    public void An_unchanged_row_never_fails_for_a_stored_value_todays_rules_refuse_but_gets_a_warning(
        string extension, string pin, string secret, string email)
    {
        var u = w.AddUser(7, extension, email);
        u.VoicemailPin = pin;
        u.PhoneSecret = secret;
        var p = w.PlanOne(Row.Exported(2, u));
        PlanAssert.Succeeds(p, RowOutcome.Unchanged);
        Assert.False(p.Changes);
        Assert.NotEmpty(p.Warnings);
    }

    [Fact]
    public void An_unchanged_row_with_stored_names_todays_rules_refuse_is_unchanged()
    {
        var u = w.AddUser(7, "207");
        u.FirstName = "Ann\u200B";
        u.Department = "Sales\u202E";
        u.ForwardNumber = "1";
        u.PhoneModelId = PlanWorld.Model;
        u.ProvisioningTemplateId = PlanWorld.Template;
        u.MacAddress = "01:00:5E:00:00:01";
        var p = w.PlanOne(Row.Exported(2, u));
        PlanAssert.Succeeds(p, RowOutcome.Unchanged);
    }

    public enum Legacy { FirstName, LastName, Department, ForwardNumber, FollowmeNumber, MulticastMac, DeskPhoneWithoutMac, MacOnSoftphone }

    /// <summary>Import semantics 4: "such a row gets a warning instead" — for any stored value today's rules refuse.</summary>
    [Theory]
    [InlineData(Legacy.FirstName)]
    [InlineData(Legacy.LastName)]
    [InlineData(Legacy.Department)]
    [InlineData(Legacy.ForwardNumber)]
    [InlineData(Legacy.FollowmeNumber)]
    [InlineData(Legacy.MulticastMac)]
    [InlineData(Legacy.DeskPhoneWithoutMac)]
    [InlineData(Legacy.MacOnSoftphone)]
    public void An_unchanged_row_gets_a_warning_for_any_stored_value_todays_rules_refuse(Legacy legacy)
    {
        var u = w.AddUser(7, "207");
        switch (legacy)
        {
            case Legacy.FirstName: u.FirstName = "Ann\u200B"; break;
            case Legacy.LastName: u.LastName = "Lee\u202E"; break;
            case Legacy.Department: u.Department = "Sales\nEMEA"; break;
            case Legacy.ForwardNumber: u.ForwardNumber = "1"; break;
            case Legacy.FollowmeNumber: u.FollowmeNumber = "123456789012345678901234"; break;
            case Legacy.MulticastMac:
                u.PhoneModelId = PlanWorld.Model; u.ProvisioningTemplateId = PlanWorld.Template; u.MacAddress = "01:00:5E:00:00:01"; break;
            case Legacy.DeskPhoneWithoutMac:
                u.PhoneModelId = PlanWorld.Model; u.ProvisioningTemplateId = PlanWorld.Template; break;
            case Legacy.MacOnSoftphone: u.MacAddress = "00:15:65:12:34:AB"; break;
        }
        var p = w.PlanOne(Row.Exported(2, u));
        PlanAssert.Succeeds(p, RowOutcome.Unchanged);
        Assert.NotEmpty(p.Warnings);
    }

    [Fact]
    public void A_new_extension_is_checked_against_the_stored_pin_and_secret()
    {
        var u = w.AddUser(7, "207");
        u.VoicemailPin = "4829";
        u.PhoneSecret = "Kx7mPq3456Zr9tYb";
        var pinClash = w.PlanOne(Row.Update(2, 7, (C.Extension, "4829")));
        PlanAssert.FailsOn(pinClash, C.VoicemailPin);
        var secretClash = w.PlanOne(Row.Update(2, 7, (C.Extension, "3456")));
        PlanAssert.FailsOn(secretClash, C.PhoneSecret);
    }

    [Fact]
    public void A_web_password_is_checked_against_the_stored_email_when_the_email_column_is_absent()
    {
        w.AddUser(7, "207", "ann.lee@example.com");
        var p = w.PlanOne(Row.Update(2, 7, (C.WebPassword, "ann.lee@example.com")));
        PlanAssert.FailsOn(p, C.WebPassword);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("7.0")]
    [InlineData("-7")]
    [InlineData("0")]
    public void An_id_that_is_not_a_whole_number_fails_the_row(string id)
    {
        w.AddUser(7, "207");
        var row = Row.Update(2, 7, (C.Department, "Support"));
        row.Cells[(int)C.Id] = id;
        PlanAssert.FailsOn(w.PlanOne(row), C.Id);
    }

    [Fact]
    public void An_id_of_another_client_is_reported_exactly_like_an_id_that_does_not_exist()
    {
        w.AddUser(7, "207");
        w.AddUser(8, "208", client: PlanWorld.OtherClient);
        var plans = w.Plan(Row.Update(2, 8, (C.Department, "Support")), Row.Update(3, 9, (C.Department, "Support")));
        var other = PlanAssert.FailsOn(plans[0], C.Id);
        var none = PlanAssert.FailsOn(plans[1], C.Id);
        Assert.Contains("User ID 8 was not found", other);
        Assert.Contains("User ID 9 was not found", none);
        Assert.Equal(Regex.Replace(other, @"\d+", "#"), Regex.Replace(none, @"\d+", "#"));
    }

    [Fact]
    public void The_same_id_in_two_rows_fails_both()
    {
        w.AddUser(7, "207");
        var plans = w.Plan(Row.Update(2, 7, (C.Department, "A")), Row.Update(3, 7, (C.Department, "B")));
        Assert.Contains("2, 3", PlanAssert.FailsOn(plans[0], C.Id));
        Assert.Contains("2, 3", PlanAssert.FailsOn(plans[1], C.Id));
    }

    [Fact]
    public void A_newline_inside_a_quoted_name_is_read_and_reported_as_that_rows_error()
    {
        var csv = "ID,First Name,Last Name,Email,Extension\r\n,\"Ann\r\nMarie\",Lee,ann@example.com,201\r\n,Bob,Ray,bob@example.com,202\r\n";
        var file = UsersCsvFile.Parse(Encoding.UTF8.GetBytes(csv), new CsvLimits());
        var plans = w.Plan([.. file.Inputs]);
        Assert.Equal(2, plans[0].Line);
        Assert.Contains("line break", PlanAssert.FailsOn(plans[0], C.FirstName));
        Assert.Equal(3, plans[1].Line);
        PlanAssert.Succeeds(plans[1], RowOutcome.Created);
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_fails()
    {
        var csv = "First Name,Last Name,Email,Extension,Department\r\nAnn,Lee,ann@example.com,201,Bridge, Deck 1\r\n";
        var file = UsersCsvFile.Parse(Encoding.UTF8.GetBytes(csv), new CsvLimits());
        var p = w.PlanOne(Assert.Single(file.Inputs));
        Assert.Equal(RowOutcome.Failed, p.Outcome);
    }
}
