using Switchboard.Core.Users.Planning;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>Import semantics 3 (uniqueness against the state the file leads to) and 4 (unchanged rows never fail).</summary>
public sealed class PlannerUniquenessTests
{
    private readonly PlanWorld w = new();

    [Fact]
    public void Two_existing_users_may_swap_extensions()
    {
        w.AddUser(7, "201");
        w.AddUser(8, "202");
        var plans = w.Plan(Row.Update(2, 7, (C.Extension, "202")), Row.Update(3, 8, (C.Extension, "201")));
        PlanAssert.Succeeds(plans[0], RowOutcome.Updated);
        PlanAssert.Succeeds(plans[1], RowOutcome.Updated);
        Assert.Equal("202", plans[0].After!.Extension);
        Assert.Equal("201", plans[1].After!.Extension);
    }

    [Fact]
    public void Three_existing_users_may_rotate_extensions()
    {
        w.AddUser(7, "201");
        w.AddUser(8, "202");
        w.AddUser(9, "203");
        var plans = w.Plan(Row.Update(2, 7, (C.Extension, "202")), Row.Update(3, 8, (C.Extension, "203")), Row.Update(4, 9, (C.Extension, "201")));
        Assert.All(plans, p => PlanAssert.Succeeds(p, RowOutcome.Updated));
    }

    [Fact]
    public void Two_existing_users_may_swap_emails_in_any_case()
    {
        w.AddUser(7, "201", "ann@example.com");
        w.AddUser(8, "202", "bob@example.com");
        var plans = w.Plan(Row.Update(2, 7, (C.Email, "BOB@example.com")), Row.Update(3, 8, (C.Email, "Ann@Example.com")));
        PlanAssert.Succeeds(plans[0], RowOutcome.Updated);
        PlanAssert.Succeeds(plans[1], RowOutcome.Updated);
    }

    [Fact]
    public void A_mac_may_pass_from_one_user_to_another_in_one_file()
    {
        w.AddDeskUser(7, "201", "00:15:65:12:34:AB");
        w.AddDeskUser(8, "202", "00:15:65:12:34:CD");
        var plans = w.Plan(
            Row.Update(2, 7, (C.MacAddress, "00:15:65:12:34:EF")),
            Row.Update(3, 8, (C.MacAddress, "00-15-65-12-34-ab")));
        PlanAssert.Succeeds(plans[0], RowOutcome.Updated);
        PlanAssert.Succeeds(plans[1], RowOutcome.Updated);
        Assert.Equal("00:15:65:12:34:AB", plans[1].After!.MacAddress);
    }

    [Fact]
    public void A_new_user_may_take_the_email_and_extension_an_existing_user_gives_up_in_the_same_file()
    {
        w.AddUser(7, "201", "ann@example.com");
        var plans = w.Plan(
            Row.New(2, "Ann@example.com", "201"),
            Row.Update(3, 7, (C.Email, "ann.old@example.com"), (C.Extension, "299")));
        PlanAssert.Succeeds(plans[0], RowOutcome.Created);
        PlanAssert.Succeeds(plans[1], RowOutcome.Updated);
    }

    [Fact]
    public void The_same_email_in_two_create_rows_fails_both_each_naming_the_other_row()
    {
        var plans = w.Plan(
            Row.New(2, "dup@example.com", "201"),
            Row.New(3, "ok@example.com", "202"),
            Row.New(4, "DUP@Example.com", "203"));
        Assert.Contains("row 4", PlanAssert.FailsOn(plans[0], C.Email));
        PlanAssert.Succeeds(plans[1], RowOutcome.Created);
        Assert.Contains("row 2", PlanAssert.FailsOn(plans[2], C.Email));
    }

    [Fact]
    public void The_same_extension_in_three_rows_fails_all_each_naming_the_other_two()
    {
        var plans = w.Plan(Row.New(2, "a@example.com", "201"), Row.New(3, "b@example.com", "201"), Row.New(4, "c@example.com", "201"));
        Assert.Contains("3, 4", PlanAssert.FailsOn(plans[0], C.Extension));
        Assert.Contains("2, 4", PlanAssert.FailsOn(plans[1], C.Extension));
        Assert.Contains("2, 3", PlanAssert.FailsOn(plans[2], C.Extension));
    }

    [Fact]
    public void The_same_mac_in_two_rows_fails_both_whatever_its_spelling()
    {
        var m = PlanWorld.Model.ToString();
        var t = PlanWorld.Template.ToString();
        var plans = w.Plan(
            Row.New(2, "a@example.com", "201", (C.PhoneModelId, m), (C.ProvisioningTemplateId, t), (C.MacAddress, "00:15:65:12:34:AB")),
            Row.New(3, "b@example.com", "202", (C.PhoneModelId, m), (C.ProvisioningTemplateId, t), (C.MacAddress, "0015.6512.34ab")));
        Assert.Contains("row 3", PlanAssert.FailsOn(plans[0], C.MacAddress));
        Assert.Contains("row 2", PlanAssert.FailsOn(plans[1], C.MacAddress));
    }

    [Fact]
    public void A_failed_row_keeps_its_old_extension_and_a_row_claiming_it_fails_too()
    {
        w.AddUser(7, "201");
        w.AddUser(8, "202");
        var plans = w.Plan(
            Row.Update(2, 7, (C.Extension, "301"), (C.VoicemailPin, "1111")),
            Row.Update(3, 8, (C.Extension, "201")),
            Row.New(4, "new@example.com", "302"));
        PlanAssert.FailsOn(plans[0], C.VoicemailPin);
        var message = PlanAssert.FailsOn(plans[1], C.Extension);
        Assert.Contains("user ID 7", message);
        Assert.Contains("row 2", message);
        PlanAssert.Succeeds(plans[2], RowOutcome.Created);
    }

    [Fact]
    public void A_row_failing_on_uniqueness_keeps_its_old_extension_and_the_row_claiming_that_fails_too()
    {
        w.AddUser(7, "201");
        w.AddUser(8, "202");
        var plans = w.Plan(
            Row.Update(2, 7, (C.Extension, "300")),
            Row.New(3, "new@example.com", "300"),
            Row.Update(4, 8, (C.Extension, "201")),
            Row.New(5, "other@example.com", "202"));
        PlanAssert.FailsOn(plans[0], C.Extension);
        PlanAssert.FailsOn(plans[1], C.Extension);
        PlanAssert.FailsOn(plans[2], C.Extension);
        // User 8 keeps 202 because its row failed, so the create claiming 202 fails as well.
        PlanAssert.FailsOn(plans[3], C.Extension);
    }

    [Fact]
    public void A_value_held_by_a_user_outside_the_file_fails_the_row_claiming_it()
    {
        w.AddUser(7, "201", "ann@example.com");
        var plans = w.Plan(Row.New(2, "ANN@example.com", "301"), Row.New(3, "bob@example.com", "201"));
        PlanAssert.FailsOn(plans[0], C.Email);
        PlanAssert.FailsOn(plans[1], C.Extension);
    }

    [Fact]
    public void An_unchanged_row_never_fails_and_the_row_claiming_its_value_does()
    {
        var u = w.AddUser(7, "201", "ann@example.com");
        var plans = w.Plan(Row.Exported(2, u), Row.New(3, "bob@example.com", "201"), Row.New(4, "ann@example.com", "202"));
        PlanAssert.Succeeds(plans[0], RowOutcome.Unchanged);
        PlanAssert.FailsOn(plans[1], C.Extension);
        PlanAssert.FailsOn(plans[2], C.Email);
    }

    [Fact]
    public void Emails_and_macs_taken_elsewhere_in_the_system_fail_without_saying_by_whom()
    {
        w.AddUser(90, "201", "other.tenant@example.com", client: PlanWorld.OtherClient).MacAddress = "00:15:65:12:34:AB";
        w.State.AdminEmails["admin@example.com"] = 91;
        var m = PlanWorld.Model.ToString();
        var t = PlanWorld.Template.ToString();
        var plans = w.Plan(
            Row.New(2, "Other.Tenant@example.com", "301"),
            Row.New(3, "admin@example.com", "302"),
            Row.New(4, "c@example.com", "303", (C.PhoneModelId, m), (C.ProvisioningTemplateId, t), (C.MacAddress, "00:15:65:12:34:ab")));
        foreach (var (p, col) in new[] { (plans[0], C.Email), (plans[1], C.Email), (plans[2], C.MacAddress) })
        {
            var message = PlanAssert.FailsOn(p, col);
            Assert.DoesNotContain("90", message);
            Assert.DoesNotContain("91", message);
            Assert.DoesNotContain("other.tenant", message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Extensions_are_unique_within_the_client_only()
    {
        w.AddUser(90, "201", client: PlanWorld.OtherClient);
        PlanAssert.Succeeds(w.PlanOne(Row.New(2, "a@example.com", "201")), RowOutcome.Created);
    }

    [Fact]
    public void A_user_keeping_its_own_values_does_not_conflict_with_itself()
    {
        var u = w.AddDeskUser(7, "201", "00:15:65:12:34:AB");
        var row = Row.Exported(2, u);
        row.Cells[(int)C.Department] = "Support";
        row.Cells[(int)C.Email] = u.Email.ToUpperInvariant();
        PlanAssert.Succeeds(w.PlanOne(row), RowOutcome.Updated);
    }

    [Fact]
    public void A_value_claimed_by_many_rows_names_ten_of_the_others_and_counts_the_rest()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Row.New(i + 2, "same@example.com", (3000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var plans = w.Plan(rows);
        Assert.All(plans, p => Assert.Equal(RowOutcome.Failed, p.Outcome));
        var message = PlanAssert.FailsOn(plans[0], C.Email);
        Assert.Contains("rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 19 more of this file", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, message);
    }
}
