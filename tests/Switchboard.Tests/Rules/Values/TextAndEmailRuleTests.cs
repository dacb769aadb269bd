using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Email, and the text rule: names/emails/departments ≤ limit, no control or invisible formatting characters.</summary>
public sealed class TextAndEmailRuleTests
{
    [Theory]
    [InlineData("Ann")]
    [InlineData("Zoë")]
    [InlineData("O'Neil")]
    [InlineData("'t Hooft")]
    [InlineData("Jean-Luc")]
    [InlineData("Bridge, Deck 1")]
    [InlineData("李小龍")]
    [InlineData("محمد")]
    public void Ordinary_names_are_accepted(string name) =>
        Assert.Null(TextValue.Check(name, TextValue.MaxName));

    [Theory]
    [InlineData("Ann\u200B")]        // zero-width space
    [InlineData("\u200CAnn")]        // zero-width non-joiner
    [InlineData("An\u200Dn")]        // zero-width joiner
    [InlineData("\uFEFFAnn")]        // zero-width no-break space / BOM
    [InlineData("Ann\u2060")]        // word joiner
    [InlineData("Ann\u202E")]        // right-to-left override
    [InlineData("\u202DAnn")]        // left-to-right override
    [InlineData("\u202BAnn\u202C")]  // right-to-left embedding, pop
    [InlineData("\u2066Ann\u2069")]  // left-to-right isolate, pop isolate
    [InlineData("\u2067Ann")]        // right-to-left isolate
    [InlineData("Ann\u200F")]        // right-to-left mark
    public void Invisible_formatting_characters_are_refused(string name) =>
        Assert.NotNull(TextValue.Check(name, TextValue.MaxName));

    [Theory]
    [InlineData("Ann\tLee")]
    [InlineData("Ann\u0000")]
    [InlineData("\u0007Ann")]
    [InlineData("Ann\u007F")]
    [InlineData("Ann\u0085Lee")]
    [InlineData("Ann\u001BLee")]
    public void Control_characters_are_refused(string name) =>
        Assert.NotNull(TextValue.Check(name, TextValue.MaxName));

    [Theory]
    [InlineData("Ann\nLee")]
    [InlineData("Ann\r\nLee")]
    [InlineData("Ann\rLee")]
    [InlineData("Ann\u2028Lee")]
    [InlineData("Ann\u2029Lee")]
    public void Line_breaks_are_refused(string name) =>
        Assert.NotNull(TextValue.Check(name, TextValue.MaxName));

    [Fact]
    public void Names_may_be_64_characters_but_not_65()
    {
        Assert.Equal(64, TextValue.MaxName);
        Assert.Null(TextValue.Check(new string('a', 64), TextValue.MaxName));
        Assert.NotNull(TextValue.Check(new string('a', 65), TextValue.MaxName));
    }

    [Theory]
    [InlineData("ann.lee@example.com")]
    [InlineData("Ann.Lee@Example.COM")]
    [InlineData("a+sales@sub.example.co.uk")]
    [InlineData("o'neil@example.ie")]
    [InlineData("x@y.io")]
    public void Pragmatic_email_addresses_are_accepted(string email) =>
        Assert.Null(EmailValue.Check(email));

    [Theory]
    [InlineData("ann.lee")]
    [InlineData("ann.lee@")]
    [InlineData("@example.com")]
    [InlineData("ann@@example.com")]
    [InlineData("ann@lee@example.com")]
    [InlineData("ann lee@example.com")]
    [InlineData("ann@exa mple.com")]
    [InlineData("ann\u00A0lee@example.com")]
    [InlineData("ann@example")]
    [InlineData("ann@.example.com")]
    [InlineData("ann@example.")]
    [InlineData("ann@example..com")]
    [InlineData("ann@exa\u200Bmple.com")]
    [InlineData("ann\u202E@example.com")]
    [InlineData("ann\t@example.com")]
    [InlineData("ann\n@example.com")]
    public void Addresses_without_one_at_and_a_dotted_domain_or_with_spaces_or_control_characters_are_refused(string email) =>
        Assert.NotNull(EmailValue.Check(email));

    [Fact]
    public void Emails_may_be_254_characters_but_not_255()
    {
        const string domain = "@example.com";
        Assert.Null(EmailValue.Check(new string('a', 254 - domain.Length) + domain));
        Assert.NotNull(EmailValue.Check(new string('a', 255 - domain.Length) + domain));
    }

    [Theory]
    [InlineData("Ann.Lee@Example.COM", "ann.lee@example.com")]
    [InlineData("  ann.lee@example.com ", "ann.lee@example.com")]
    [InlineData("ANN.LEE@EXAMPLE.COM", "ann.lee@example.com")]
    public void Emails_compare_case_insensitively_and_trimmed(string email, string normalized) =>
        Assert.Equal(normalized, EmailValue.Normalize(email));
}
