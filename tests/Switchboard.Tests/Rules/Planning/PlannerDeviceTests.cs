using System.Text.RegularExpressions;
using Switchboard.Core.Users.Planning;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>Devices: softphone vs desk phone, mandatory MAC, template for the model, invisible IDs; Import semantics 8.</summary>
public sealed class PlannerDeviceTests
{
    private readonly PlanWorld w = new();
    private static readonly string Model = PlanWorld.Model.ToString();
    private static readonly string Template = PlanWorld.Template.ToString();

    private static Switchboard.Core.Users.UserInput Desk(int line, string email, string ext, string model, string template, string mac) =>
        Row.New(line, email, ext, (C.PhoneModelId, model), (C.ProvisioningTemplateId, template), (C.MacAddress, mac));

    [Fact]
    public void Both_ids_empty_is_a_softphone_and_a_mac_on_it_is_an_error()
    {
        var plans = w.Plan(
            Desk(2, "a@example.com", "201", "", "", ""),
            Desk(3, "b@example.com", "202", "", "", "00:15:65:12:34:AB"));
        PlanAssert.Succeeds(plans[0], RowOutcome.Created);
        Assert.Null(plans[0].After!.PhoneModelId);
        PlanAssert.FailsOn(plans[1], C.MacAddress);
    }

    [Theory]
    [InlineData("00:15:65:12:34:ab")]
    [InlineData("0015.6512.34AB")]
    [InlineData("00-15-65-12-34-AB")]
    public void A_desk_phone_with_its_mac_is_created_with_the_canonical_mac(string mac)
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", Model, Template, mac));
        PlanAssert.Succeeds(p, RowOutcome.Created);
        Assert.Equal(PlanWorld.Model, p.After!.PhoneModelId);
        Assert.Equal(PlanWorld.Template, p.After.ProvisioningTemplateId);
        Assert.Equal("00:15:65:12:34:AB", p.After.MacAddress);
    }

    [Fact]
    public void A_desk_phone_needs_a_mac()
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", Model, Template, ""));
        Assert.Contains("required", PlanAssert.FailsOn(p, C.MacAddress));
    }

    [Fact]
    public void A_desk_phone_row_without_a_mac_column_fails_too()
    {
        var p = w.PlanOne(Row.New(2, "a@example.com", "201", (C.PhoneModelId, Model), (C.ProvisioningTemplateId, Template)));
        PlanAssert.FailsOn(p, C.MacAddress);
    }

    [Fact]
    public void Only_a_phone_model_is_an_error_naming_the_missing_template()
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", Model, "", "00:15:65:12:34:AB"));
        Assert.Contains("Provisioning Template ID", PlanAssert.FailsOn(p, C.ProvisioningTemplateId));
    }

    [Fact]
    public void Only_a_template_is_an_error_naming_the_missing_phone_model()
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", "", Template, "00:15:65:12:34:AB"));
        Assert.Contains("Phone Model ID", PlanAssert.FailsOn(p, C.PhoneModelId));
    }

    [Fact]
    public void The_template_must_be_made_for_that_phone_model()
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", Model, PlanWorld.OtherModelTemplate.ToString(), "00:15:65:12:34:AB"));
        PlanAssert.FailsOn(p, C.ProvisioningTemplateId);
        var ok = w.PlanOne(Desk(2, "a@example.com", "201", PlanWorld.OtherModel.ToString(), PlanWorld.OtherModelTemplate.ToString(), "00:15:65:12:34:AB"));
        PlanAssert.Succeeds(ok, RowOutcome.Created);
    }

    [Fact]
    public void A_template_the_client_cannot_see_is_reported_exactly_like_one_that_does_not_exist()
    {
        var plans = w.Plan(
            Desk(2, "a@example.com", "201", Model, PlanWorld.InvisibleTemplate.ToString(), "00:15:65:12:34:AB"),
            Desk(3, "b@example.com", "202", Model, "999", "00:15:65:12:34:AC"));
        var invisible = PlanAssert.FailsOn(plans[0], C.ProvisioningTemplateId);
        var missing = PlanAssert.FailsOn(plans[1], C.ProvisioningTemplateId);
        Assert.Equal(Regex.Replace(invisible, @"\d+", "#"), Regex.Replace(missing, @"\d+", "#"));
    }

    [Fact]
    public void An_unknown_phone_model_is_an_error()
    {
        var p = w.PlanOne(Desk(2, "a@example.com", "201", "12", Template, "00:15:65:12:34:AB"));
        PlanAssert.FailsOn(p, C.PhoneModelId);
    }

    [Fact]
    public void A_profile_of_another_client_is_reported_exactly_like_one_that_does_not_exist()
    {
        var plans = w.Plan(
            Row.New(2, "a@example.com", "201", (C.UserProfileId, "51")),
            Row.New(3, "b@example.com", "202", (C.UserProfileId, "999")));
        var a = PlanAssert.FailsOn(plans[0], C.UserProfileId);
        var b = PlanAssert.FailsOn(plans[1], C.UserProfileId);
        Assert.Equal(Regex.Replace(a, @"\d+", "#"), Regex.Replace(b, @"\d+", "#"));
    }

    [Fact]
    public void A_file_with_only_id_and_mac_changes_desk_phones_and_fails_for_softphone_users()
    {
        w.AddDeskUser(7, "207", "00:15:65:12:34:AB");
        w.AddUser(8, "208");
        var plans = w.Plan(
            Row.Update(2, 7, (C.MacAddress, "00:15:65:12:34:CD")),
            Row.Update(3, 8, (C.MacAddress, "00:15:65:12:34:EF")));
        PlanAssert.Succeeds(plans[0], RowOutcome.Updated);
        Assert.Equal("00:15:65:12:34:CD", plans[0].After!.MacAddress);
        Assert.Equal(PlanWorld.Model, plans[0].After!.PhoneModelId);
        PlanAssert.FailsOn(plans[1], C.MacAddress);
    }

    [Fact]
    public void Clearing_the_mac_of_a_desk_phone_user_fails()
    {
        w.AddDeskUser(7, "207", "00:15:65:12:34:AB");
        PlanAssert.FailsOn(w.PlanOne(Row.Update(2, 7, (C.MacAddress, ""))), C.MacAddress);
    }

    [Fact]
    public void Emptying_model_template_and_mac_makes_a_desk_user_a_softphone_user()
    {
        w.AddDeskUser(7, "207", "00:15:65:12:34:AB");
        var p = w.PlanOne(Row.Update(2, 7, (C.PhoneModelId, ""), (C.ProvisioningTemplateId, ""), (C.MacAddress, "")));
        PlanAssert.Succeeds(p, RowOutcome.Updated);
        Assert.Null(p.After!.PhoneModelId);
        Assert.Null(p.After.ProvisioningTemplateId);
        Assert.Null(p.After.MacAddress);
    }

    [Fact]
    public void Emptying_model_and_template_while_the_mac_column_is_absent_fails_because_the_stored_mac_stays()
    {
        w.AddDeskUser(7, "207", "00:15:65:12:34:AB");
        var p = w.PlanOne(Row.Update(2, 7, (C.PhoneModelId, ""), (C.ProvisioningTemplateId, "")));
        PlanAssert.FailsOn(p, C.MacAddress);
    }

    [Fact]
    public void Changing_only_the_template_is_checked_against_the_stored_phone_model()
    {
        w.AddDeskUser(7, "207", "00:15:65:12:34:AB");
        var p = w.PlanOne(Row.Update(2, 7, (C.ProvisioningTemplateId, PlanWorld.OtherModelTemplate.ToString())));
        PlanAssert.FailsOn(p, C.ProvisioningTemplateId);
    }
}
