using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Language: supported codes, case-insensitive, '_' or '-', and English names.</summary>
public sealed class LanguageRuleTests
{
    public static TheoryData<string> SupportedCodes() =>
        new(["en", "en-US", "en-GB", "fr", "fr-CA", "de", "es", "it", "nl", "pt", "pt-BR", "pl", "sv"]);

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void Every_supported_code_is_accepted_as_written_in_upper_case_and_with_underscore(string code)
    {
        Assert.True(LanguageValue.TryNormalize(code, out var same));
        Assert.Equal(code, same);
        Assert.True(LanguageValue.TryNormalize(code.ToUpperInvariant(), out var upper));
        Assert.Equal(code, upper);
        Assert.True(LanguageValue.TryNormalize(code.ToLowerInvariant().Replace('-', '_'), out var underscore));
        Assert.Equal(code, underscore);
    }

    [Theory]
    [InlineData("en_us", "en-US")]
    [InlineData("EN-gb", "en-GB")]
    [InlineData("Fr_Ca", "fr-CA")]
    [InlineData("PT-br", "pt-BR")]
    [InlineData(" de ", "de")]
    public void Codes_match_case_insensitively_with_underscore_or_dash(string given, string code)
    {
        Assert.True(LanguageValue.TryNormalize(given, out var normalized));
        Assert.Equal(code, normalized);
    }

    [Theory]
    [InlineData("French", "fr")]
    [InlineData("french", "fr")]
    [InlineData("FRENCH", "fr")]
    [InlineData("English", "en")]
    [InlineData("German", "de")]
    [InlineData("Spanish", "es")]
    [InlineData("Italian", "it")]
    [InlineData("Dutch", "nl")]
    [InlineData("Portuguese", "pt")]
    [InlineData("Polish", "pl")]
    [InlineData("Swedish", "sv")]
    public void English_names_map_to_their_code(string name, string code)
    {
        Assert.True(LanguageValue.TryNormalize(name, out var normalized));
        Assert.Equal(code, normalized);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("ja")]
    [InlineData("Klingon")]
    [InlineData("en-AU")]
    [InlineData("e n")]
    [InlineData("fr-")]
    public void Unsupported_languages_are_refused(string value) =>
        Assert.False(LanguageValue.TryNormalize(value, out _));
}
