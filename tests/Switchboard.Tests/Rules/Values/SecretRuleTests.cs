using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › Phone Secret and Web Passwords.</summary>
public sealed class SecretRuleTests
{
    [Theory]
    [InlineData("abcdef123456")]
    [InlineData("Kx7mPq2wZr9tYb4n")]
    [InlineData("Sunny-Harbor-42")]
    public void A_phone_secret_of_twelve_or_more_with_letters_and_digits_is_accepted(string secret) =>
        Assert.Null(PhoneSecretValue.Check(secret, "201"));

    [Theory]
    [InlineData("abcde123456")]
    [InlineData("a1")]
    [InlineData("")]
    public void A_phone_secret_shorter_than_twelve_is_refused(string secret) =>
        Assert.NotNull(PhoneSecretValue.Check(secret, "201"));

    [Theory]
    [InlineData("abcdefghijklmnop")]
    [InlineData("123456789012345")]
    [InlineData("!!!!----????####")]
    public void A_phone_secret_without_both_letters_and_digits_is_refused(string secret) =>
        Assert.NotNull(PhoneSecretValue.Check(secret, "201"));

    [Theory]
    [InlineData("abc201defghi", "201")]
    [InlineData("201abcdefghi", "201")]
    [InlineData("abcdefghi201", "201")]
    [InlineData("Secret4455667", "4455")]
    public void A_phone_secret_containing_the_extension_is_refused(string secret, string extension)
    {
        Assert.NotNull(PhoneSecretValue.Check(secret, extension));
        Assert.Null(PhoneSecretValue.Check(secret, "8888"));
    }

    [Theory]
    [InlineData("Sunny-Harbor-42")]
    [InlineData("0123456789")]
    [InlineData("aaaaaaaaaa")]
    public void A_web_password_of_ten_or_more_is_accepted(string password) =>
        Assert.Null(WebPasswordValue.Check(password, "ann.lee@example.com", "201"));

    [Theory]
    [InlineData("short-pw1")]
    [InlineData("a")]
    public void A_web_password_shorter_than_ten_is_refused(string password) =>
        Assert.NotNull(WebPasswordValue.Check(password, "ann.lee@example.com", "201"));

    [Theory]
    [InlineData("ann.lee@example.com")]
    [InlineData("Ann.Lee@Example.com")]
    public void A_web_password_equal_to_the_email_is_refused(string password) =>
        Assert.NotNull(WebPasswordValue.Check(password, "ann.lee@example.com", "201"));

    [Fact]
    public void A_web_password_equal_to_the_extension_is_refused()
    {
        // Valid extensions have at most 8 digits, so this only bites a (legacy) long extension.
        Assert.NotNull(WebPasswordValue.Check("4455667788", "ann.lee@example.com", "4455667788"));
        Assert.Null(WebPasswordValue.Check("4455667788", "ann.lee@example.com", "201"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("201")]
    [InlineData("22")]
    [InlineData("12345678")]
    [InlineData("2345")]
    public void Generated_phone_secrets_always_pass_the_rules(string? extension)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var s = Generated.PhoneSecret(extension);
            Assert.True(s.Length >= 16, $"generated secret '{s}' is shorter than 16");
            Assert.Null(PhoneSecretValue.Check(s, extension));
            seen.Add(s);
        }
        Assert.True(seen.Count > 990, "generated secrets repeat: they are not random");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("201")]
    [InlineData("4829")]
    [InlineData("123456")]
    [InlineData("12345678")]
    public void Generated_pins_always_pass_the_rules(string? extension)
    {
        for (var i = 0; i < 1000; i++)
        {
            var pin = Generated.Pin(extension);
            Assert.Null(PinValue.Check(pin, extension));
        }
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("Generate")]
    [InlineData(" GENERATE ")]
    public void The_generate_keyword_is_recognised_in_any_case(string value) =>
        Assert.True(Generated.IsKeyword(value));
}
