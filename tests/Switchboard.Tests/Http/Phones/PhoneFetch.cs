using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Phones;

/// <summary>How a test phone authenticates.</summary>
public enum PhoneAuth { None, Basic, DigestMd5, DigestSha256 }

/// <summary>What a fetch answered, whole: status, content type, the headers that are not per-request, body bytes.</summary>
public sealed record Fetched(HttpStatusCode Status, string? ContentType, string? CacheControl, string[] Challenges, string? RetryAfter, byte[] Body, string Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A desk phone fetching its file from the test server: over HTTPS as a TLS-terminating trusted proxy
/// says (X-Forwarded-Proto from loopback) or plain HTTP, from a given client address (X-Forwarded-For),
/// with Basic or Digest (RFC 7616, qop=auth) computed here from the server's challenge.
/// </summary>
public static partial class PhoneFetch
{
    public static async Task<Fetched> GetAsync(SwitchboardApp app, string file, PhoneAuth auth, string username, string password,
        bool https = true, string address = "198.51.100.1", string? userAgent = null)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = "/provisioning/" + file;
        HttpRequestMessage Request(string? authorization)
        {
            var r = new HttpRequestMessage(HttpMethod.Get, path);
            r.Headers.Add("X-Forwarded-For", address);
            if (https) r.Headers.Add("X-Forwarded-Proto", "https");
            if (userAgent is not null) r.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            if (authorization is not null) r.Headers.TryAddWithoutValidation("Authorization", authorization);
            return r;
        }
        switch (auth)
        {
            case PhoneAuth.None:
                return await Read(await http.SendAsync(Request(null)));
            case PhoneAuth.Basic:
                return await Read(await http.SendAsync(Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")))));
            default:
                var first = await Read(await http.SendAsync(Request(null)));
                if (first.Status != HttpStatusCode.Unauthorized) return first;
                var sha = auth == PhoneAuth.DigestSha256;
                var challenge = first.Challenges.First(c => c.Contains(sha ? "algorithm=SHA-256" : "algorithm=MD5", StringComparison.Ordinal));
                return await Read(await http.SendAsync(Request(DigestAnswer(challenge, "GET", path, username, password, sha))));
        }
    }

    public static string DigestAnswer(string challenge, string method, string uri, string username, string password, bool sha256, string nc = "00000001")
    {
        var realm = Param(challenge, "realm");
        var nonce = Param(challenge, "nonce");
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string H(string s) => Convert.ToHexStringLower(sha256 ? SHA256.HashData(Encoding.UTF8.GetBytes(s)) : MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var response = H($"{H($"{username}:{realm}:{password}")}:{nonce}:{nc}:{cnonce}:auth:{H($"{method}:{uri}")}");
        return $"Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={(sha256 ? "SHA-256" : "MD5")}, " +
               $"response=\"{response}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\"";
    }

    public static string Param(string challenge, string name) => Regex.Match(challenge, name + "=\"([^\"]*)\"").Groups[1].Value;

    private static async Task<Fetched> Read(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsByteArrayAsync();
        var challenges = r.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray();
        // Every header but the date (the one thing that differs between two identical answers).
        var headers = string.Join("\n", r.Headers.Concat(r.Content.Headers).Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
        return new Fetched(r.StatusCode, r.Content.Headers.ContentType?.ToString(), r.Headers.CacheControl?.ToString(), challenges,
            r.Headers.RetryAfter?.ToString(), body, headers);
    }

    /// <summary>"00:15:65:AA:BB:CC" as a file name's MAC: "001565aabbcc".</summary>
    public static string Hex(string mac) => mac.Replace(":", "").ToLowerInvariant();
}
