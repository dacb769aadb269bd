using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Extension: 2 to 8 digits, no leading 0, never an emergency number or a prefix-shadow of one.</summary>
public sealed class ExtensionRuleTests
{
    [Theory]
    [InlineData("10")]
    [InlineData("201")]
    [InlineData("12345678")]
    [InlineData("91")]
    [InlineData("99")]
    [InlineData("11")]
    [InlineData("93")]
    [InlineData("9100")]
    [InlineData("1119")]
    [InlineData("9329")]
    [InlineData("8110")]
    public void Two_to_eight_digits_not_starting_with_zero_or_an_emergency_number_are_accepted(string extension) =>
        Assert.Null(ExtensionValue.Check(extension));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("123456789")]
    [InlineData("20a")]
    [InlineData("2 01")]
    [InlineData("+201")]
    [InlineData("201.0")]
    [InlineData("-201")]
    [InlineData("٢٠١")]
    [InlineData("２０１")]
    public void Anything_but_two_to_eight_ascii_digits_is_refused(string extension) =>
        Assert.NotNull(ExtensionValue.Check(extension));

    [Theory]
    [InlineData("01")]
    [InlineData("0201")]
    [InlineData("00")]
    [InlineData("01234567")]
    public void A_leading_zero_is_refused(string extension) =>
        Assert.NotNull(ExtensionValue.Check(extension));

    [Theory]
    [InlineData("911", "911")]
    [InlineData("112", "112")]
    [InlineData("999", "999")]
    [InlineData("933", "933")]
    [InlineData("9110", "911")]
    [InlineData("1120", "112")]
    [InlineData("9999", "999")]
    [InlineData("93312345", "933")]
    [InlineData("91100", "911")]
    public void An_emergency_number_or_an_extension_starting_with_one_is_refused_naming_it(string extension, string emergency)
    {
        var problem = ExtensionValue.Check(extension);
        Assert.NotNull(problem);
        Assert.Contains(emergency, problem);
    }
}
