using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>
/// Values › Voicemail Pin and Dial strings, Writing the file: what a spreadsheet does to a file is
/// named in the row's error (the same rules serve the import, the form and the API), never taken as
/// a change to another number or PIN.
/// </summary>
public sealed class SpreadsheetMishapTests
{
    private readonly PlanWorld w = new();

    [Theory]
    [InlineData(C.ForwardNumber)]
    [InlineData(C.FollowmeNumber)]
    public void A_number_equal_to_the_stored_one_without_its_plus_is_an_error_saying_the_plus_was_dropped(C column)
    {
        var u = w.AddUser(7, "207");
        column.Field().SetText!(u, "+442079460000");
        var p = w.PlanOne(Row.Update(2, 7, (column, "442079460000")));
        var message = PlanAssert.FailsOn(p, column);
        Assert.Contains("dropped the +", message);
        Assert.Contains("Text", message);
        Assert.Equal("+442079460000", column.Field().Text!(p.Before!));
    }

    [Fact]
    public void The_same_number_with_its_plus_or_a_different_number_is_no_mishap()
    {
        var u = w.AddUser(7, "207");
        u.ForwardNumber = "+442079460000";
        PlanAssert.Succeeds(w.PlanOne(Row.Update(2, 7, (C.ForwardNumber, "+44 20 7946 0000"))), RowOutcome.Unchanged);
        PlanAssert.Succeeds(w.PlanOne(Row.Update(3, 7, (C.ForwardNumber, "442079460001"))), RowOutcome.Updated);
        u.ForwardNumber = "442079460000";
        PlanAssert.Succeeds(w.PlanOne(Row.Update(4, 7, (C.ForwardNumber, "+442079460000"))), RowOutcome.Updated);
    }

    [Theory]
    [InlineData("482")]
    [InlineData("82")]
    [InlineData("2")]
    public void A_pin_too_short_says_leading_zeros_were_likely_dropped_and_stays_masked(string pin)
    {
        w.AddUser(7, "207");
        var p = w.PlanOne(Row.Update(2, 7, (C.VoicemailPin, pin)));
        var message = PlanAssert.FailsOn(p, C.VoicemailPin);
        Assert.Contains("leading zeros", message);
        var cause = p.Causes.Single(c => c.Column == C.VoicemailPin.Header());
        Assert.Equal(Cause.Masked, cause.Value);
        Assert.DoesNotContain(pin, message);
    }

    [Theory]
    [InlineData("00482916", "482916")]
    [InlineData("0048291", "48291")]
    [InlineData("04829", "4829")]
    public void A_pin_equal_to_the_stored_one_without_its_leading_zeros_is_an_error_not_a_new_pin(string stored, string given)
    {
        var u = w.AddUser(7, "207");
        u.VoicemailPin = stored;
        var p = w.PlanOne(Row.Update(2, 7, (C.VoicemailPin, given)));
        var message = PlanAssert.FailsOn(p, C.VoicemailPin);
        Assert.Contains("without its leading zeros", message);
        Assert.Equal(Cause.Masked, p.Causes.Single().Value);
        Assert.DoesNotContain(given, message);
        Assert.DoesNotContain(stored, message);
    }

    [Fact]
    public void A_new_pin_that_merely_ends_like_the_stored_one_is_accepted()
    {
        var u = w.AddUser(7, "207");
        u.VoicemailPin = "04829";
        PlanAssert.Succeeds(w.PlanOne(Row.Update(2, 7, (C.VoicemailPin, "14829"))), RowOutcome.Updated);
        PlanAssert.Succeeds(w.PlanOne(Row.Update(3, 7, (C.VoicemailPin, "04829"))), RowOutcome.Unchanged);
    }

    [Theory]
    [InlineData(C.LastName, "'+442079460000")]
    [InlineData(C.FirstName, "'0123")]
    [InlineData(C.Department, "''t Hooft")]
    [InlineData(C.Department, "'=1+1")]
    [InlineData(C.Department, "'March 3")]
    [InlineData(C.Email, "'+ann@example.com")]
    [InlineData(C.PhoneSecret, "'=Xk7pQ2mN9vR4sT8w")]
    public void A_value_no_spreadsheet_can_keep_both_ways_is_refused_with_why(C column, string value)
    {
        w.AddUser(7, "207");
        var p = w.PlanOne(Row.Update(2, 7, (column, value)));
        var message = PlanAssert.FailsOn(p, column);
        Assert.Equal(SpreadsheetGuard.AmbiguousProblem, message);
        Assert.Contains("Gnumeric", message);
    }

    [Theory]
    [InlineData("'t Hooft")]
    [InlineData("'s-Hertogenbosch")]
    [InlineData("O'Brien")]
    public void A_value_with_an_apostrophe_before_plain_text_is_accepted(string value)
    {
        w.AddUser(7, "207");
        PlanAssert.Succeeds(w.PlanOne(Row.Update(2, 7, (C.LastName, value))), RowOutcome.Updated);
    }
}
