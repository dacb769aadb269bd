using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Dial strings: spaces - . ( ) dropped, then +? and 2–20 digits; scientific notation is named as such.</summary>
public sealed class DialStringRuleTests
{
    [Theory]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    [InlineData("(415) 555-0100", "4155550100")]
    [InlineData("415.555.0100", "4155550100")]
    [InlineData("0044 20 7946 0018", "00442079460018")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("12", "12")]
    [InlineData("+12", "+12")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("+12345678901234567890", "+12345678901234567890")]
    [InlineData("0", "0")]
    public void Separators_are_dropped_and_the_normalised_form_is_kept(string given, string normalized)
    {
        Assert.Equal(normalized, DialStringValue.Normalize(given));
        if (normalized.Length >= 2) Assert.Null(DialStringValue.Check(normalized));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("+")]
    [InlineData("123456789012345678901")]
    [InlineData("++12")]
    [InlineData("12+34")]
    [InlineData("ext 201")]
    [InlineData("201#")]
    [InlineData("*72")]
    [InlineData("12/34")]
    [InlineData("1-800-FLOWERS")]
    public void Anything_but_an_optional_plus_and_2_to_20_digits_is_refused(string given) =>
        Assert.NotNull(DialStringValue.Check(DialStringValue.Normalize(given)));

    [Theory]
    [InlineData("1.41555E+10")]
    [InlineData("1.41555e+10")]
    [InlineData("4.42079E+11")]
    [InlineData("1,41555E+10")]
    [InlineData("1E+10")]
    public void Scientific_notation_is_an_error_that_says_so_and_how_to_avoid_it(string given)
    {
        var problem = DialStringValue.Check(DialStringValue.Normalize(given));
        Assert.NotNull(problem);
        Assert.Contains("scientific", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Text", problem, StringComparison.Ordinal);
    }

    /// <summary>"2 to 20 digits": a number that passes is stored as the ASCII digits a PBX dials.</summary>
    [Theory]
    [InlineData("٠٥٠١٢٣٤٥٦٧")]    // Arabic-Indic digits
    [InlineData("０３１２３４５６７８")] // full-width digits (Japanese input methods)
    [InlineData("+४४२०७९४६")]       // Devanagari digits
    public void A_dial_string_that_passes_holds_only_ascii_digits(string given)
    {
        var normalized = DialStringValue.Normalize(given);
        var passes = DialStringValue.Check(normalized) is null;
        Assert.False(passes && !normalized.All(c => c == '+' || char.IsAsciiDigit(c)),
            $"'{given}' was accepted and stored as '{normalized}', which is not + and ASCII digits");
    }

    [Fact]
    public void A_number_equal_to_the_stored_one_without_its_plus_is_named()
    {
        Assert.Contains("dropped the +", DialStringValue.LostPlus("442079460000", "+442079460000"));
        Assert.Null(DialStringValue.LostPlus("+442079460000", "+442079460000"));
        Assert.Null(DialStringValue.LostPlus("442079460000", "442079460000"));
        Assert.Null(DialStringValue.LostPlus("442079460000", null));
        Assert.Null(DialStringValue.LostPlus("42079460000", "+442079460000"));
    }
}
