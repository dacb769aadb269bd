using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Sip;

namespace Switchboard.Tests.Rules;

/// <summary>
/// Sip › HA1s: what the registrar compares a REGISTER's digest with. HA1 is MD5(user:realm:secret)
/// and HA1b MD5(user@domain:realm:secret), lower-case hex of the UTF-8 text, the realm being the
/// client's SIP domain (RFC 2617; Kamailio's auth_db with calculate_ha1 off).
/// </summary>
public sealed class SipHa1Tests
{
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Ha1_is_the_rfc_2617_example()
    {
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", SipCredentials.Ha1("Mufasa", "testrealm@host.com", "Circle Of Life"));
    }

    [Theory]
    [InlineData("201", "acme.voice.example", "s3cret-Phone-1")]
    [InlineData("4711", "b\u00fcro.example", "p\u00e4ss-w\u00f6rd-\u20ac")]
    [InlineData("1", "x.example", "")]
    public void Ha1_and_ha1b_hash_the_utf8_text_each_time_alike(string extension, string domain, string secret)
    {
        // Twice, so the per-thread buffer and hasher, reused, give the same answer.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(Md5Hex($"{extension}:{domain}:{secret}"), SipCredentials.Ha1(extension, domain, secret));
            Assert.Equal(Md5Hex($"{extension}@{domain}:{domain}:{secret}"), SipCredentials.Ha1b(extension, domain, secret));
        }
    }

    [Fact]
    public void A_text_longer_than_the_first_buffer_is_hashed_whole()
    {
        var secret = new string('\u00e9', 400);
        Assert.Equal(Md5Hex($"2000:long.example:{secret}"), SipCredentials.Ha1("2000", "long.example", secret));
        Assert.Equal(Md5Hex("2000:short.example:x"), SipCredentials.Ha1("2000", "short.example", "x"));
    }
}
