using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Voicemail Pin: 4–10 digits, not the extension, not one digit repeated, not a keypad run.</summary>
public sealed class PinRuleTests
{
    [Theory]
    [InlineData("4829")]
    [InlineData("1357")]
    [InlineData("2468")]
    [InlineData("1235")]
    [InlineData("0482")]
    [InlineData("1122")]
    [InlineData("4829163057")]
    [InlineData("90210")]
    public void Four_to_ten_digits_that_are_not_guessable_are_accepted(string pin) =>
        Assert.Null(PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("")]
    [InlineData("482")]
    [InlineData("48291630572")]
    [InlineData("48a9")]
    [InlineData("48 29")]
    [InlineData("+4829")]
    [InlineData("٤٨٢٩")]
    public void Anything_but_four_to_ten_ascii_digits_is_refused(string pin) =>
        Assert.NotNull(PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("4829")]
    [InlineData("20345")]
    [InlineData("12345678")]
    public void A_pin_equal_to_the_extension_is_refused(string extensionAndPin)
    {
        Assert.NotNull(PinValue.Check(extensionAndPin, extensionAndPin));
        Assert.Null(PinValue.Check("4829", "4830"));
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("1111")]
    [InlineData("77777")]
    [InlineData("9999999999")]
    public void One_digit_repeated_is_refused(string pin) =>
        Assert.NotNull(PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("1234")]
    [InlineData("0123")]
    [InlineData("3456")]
    [InlineData("7890")]
    [InlineData("567890")]
    [InlineData("0123456789")]
    [InlineData("1234567890")]
    public void An_ascending_keypad_run_is_refused(string pin) =>
        Assert.NotNull(PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("9876")]
    [InlineData("4321")]
    [InlineData("3210")]
    [InlineData("0987")]
    [InlineData("6543210")]
    [InlineData("9876543210")]
    public void A_descending_keypad_run_is_refused(string pin) =>
        Assert.NotNull(PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("482")]
    [InlineData("7")]
    public void A_pin_too_short_says_a_spreadsheet_may_have_dropped_leading_zeros(string pin) =>
        Assert.Contains("leading zeros", PinValue.Check(pin, "201"));

    [Theory]
    [InlineData("0482", "482")]
    [InlineData("00482916", "482916")]
    public void A_pin_equal_to_the_stored_one_without_leading_zeros_is_named(string stored, string given)
    {
        Assert.Contains("leading zeros", PinValue.LostLeadingZeros(given, stored));
        Assert.Null(PinValue.LostLeadingZeros(given, given));
        Assert.Null(PinValue.LostLeadingZeros("1" + given, stored));
        Assert.Null(PinValue.LostLeadingZeros(given, null));
    }
}
