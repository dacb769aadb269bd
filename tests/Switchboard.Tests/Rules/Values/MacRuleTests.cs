using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Rules;

/// <summary>Values › MAC: 12 hex digits once separators are removed, any case, canonical AA:BB:CC:DD:EE:FF; no multicast, all-zero or broadcast.</summary>
public sealed class MacRuleTests
{
    [Theory]
    [InlineData("00:15:65:12:34:ab")]
    [InlineData("00:15:65:12:34:AB")]
    [InlineData("00-15-65-12-34-AB")]
    [InlineData("0015.6512.34ab")]
    [InlineData("00 15 65 12 34 Ab")]
    [InlineData("0015651234AB")]
    [InlineData("00:15-65.12 34ab")]
    public void Twelve_hex_digits_with_any_separator_and_case_become_the_canonical_form(string given)
    {
        Assert.Equal("00:15:65:12:34:AB", MacValue.Normalize(given));
        Assert.Null(MacValue.Check(given));
    }

    [Theory]
    [InlineData("02:00:00:00:00:01")]
    [InlineData("fe:dc:ba:98:76:54")]
    [InlineData("ac:de:48:00:11:22")]
    public void Unicast_addresses_are_accepted(string mac) =>
        Assert.Null(MacValue.Check(mac));

    [Theory]
    [InlineData("")]
    [InlineData("00:15:65:12:34")]
    [InlineData("00:15:65:12:34:AB:CD")]
    [InlineData("00:15:65:12:34:AG")]
    [InlineData("0015651234ab0")]
    [InlineData("00_15_65_12_34_AB")]
    [InlineData("'00:15:65:12:34:AB")]
    public void Values_that_are_not_twelve_hex_digits_are_refused(string given)
    {
        Assert.Null(MacValue.Normalize(given));
        Assert.NotNull(MacValue.Check(given));
    }

    [Theory]
    [InlineData("01:00:5E:00:00:01")]
    [InlineData("33:33:00:00:00:01")]
    [InlineData("03:15:65:12:34:AB")]
    [InlineData("ff:15:65:12:34:ab")]
    public void Multicast_addresses_are_refused(string mac)
    {
        var problem = MacValue.Check(mac);
        Assert.NotNull(problem);
        Assert.Contains("multicast", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("00:00:00:00:00:00")]
    [InlineData("000000000000")]
    [InlineData("0000.0000.0000")]
    public void The_all_zero_address_is_refused(string mac)
    {
        var problem = MacValue.Check(mac);
        Assert.NotNull(problem);
        Assert.Contains("zero", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("FF:FF:FF:FF:FF:FF")]
    [InlineData("ff-ff-ff-ff-ff-ff")]
    [InlineData("ffffffffffff")]
    public void The_broadcast_address_is_refused(string mac)
    {
        var problem = MacValue.Check(mac);
        Assert.NotNull(problem);
        Assert.Contains("broadcast", problem, StringComparison.OrdinalIgnoreCase);
    }
}
