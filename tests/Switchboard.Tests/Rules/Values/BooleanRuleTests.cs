using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Booleans: English, French, German and Spanish spellings in any case; export writes Yes/No.</summary>
public sealed class BooleanRuleTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES")]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("on")]
    [InlineData("ON")]
    [InlineData("vrai")]
    [InlineData("VRAI")]
    [InlineData("oui")]
    [InlineData("Oui")]
    [InlineData("wahr")]
    [InlineData("WAHR")]
    [InlineData("ja")]
    [InlineData("Ja")]
    [InlineData("verdadero")]
    [InlineData("VERDADERO")]
    [InlineData("sí")]
    [InlineData("Sí")]
    [InlineData("SÍ")]
    [InlineData("si")]
    [InlineData("SI")]
    public void Spellings_of_yes_are_true(string value)
    {
        Assert.True(BooleanValue.TryParse(value, out var b));
        Assert.True(b);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("NO")]
    [InlineData("n")]
    [InlineData("N")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData("off")]
    [InlineData("Off")]
    [InlineData("faux")]
    [InlineData("FAUX")]
    [InlineData("non")]
    [InlineData("Non")]
    [InlineData("falsch")]
    [InlineData("FALSCH")]
    [InlineData("nein")]
    [InlineData("Nein")]
    [InlineData("falso")]
    [InlineData("FALSO")]
    public void Spellings_of_no_are_false(string value)
    {
        Assert.True(BooleanValue.TryParse(value, out var b));
        Assert.False(b);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("yess")]
    [InlineData("oui non")]
    [InlineData("x")]
    public void Other_words_are_refused(string value) =>
        Assert.False(BooleanValue.TryParse(value, out _));

    [Fact]
    public void Export_writes_Yes_and_No()
    {
        Assert.Equal("Yes", BooleanValue.Format(true));
        Assert.Equal("No", BooleanValue.Format(false));
    }
}
