namespace Switchboard.Core.Tenancy;

/// <summary>Configuration section "Sip".</summary>
public sealed record SipOptions
{
    /// <summary>
    /// When set (e.g. <c>voice.example.net</c>), every client's SIP domain must be a name under it, so no
    /// tenant can claim someone else's real domain; derived domains are made under it.
    /// </summary>
    public string? DomainSuffix { get; init; }

    /// <summary>Where phones send SIP (host or host:port), what templates read as <c>sip_server</c>; unset: each client's SIP domain.</summary>
    public string? Server { get; init; }
}

/// <summary>The rule for a client's SIP domain (product.md): a DNS name, at most 253 characters, under <see cref="SipOptions.DomainSuffix"/> when set.</summary>
public static class SipDomain
{
    public const int MaxLength = 253;
    /// <summary>Where derived domains go when no suffix is configured.</summary>
    public const string DefaultSuffix = "voice.example";

    public static string Normalize(string value) => value.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>Why <paramref name="domain"/> (normalized) cannot be a client's SIP domain, or null when it can.</summary>
    public static string? Check(string domain, string? suffix)
    {
        var example = $"acme.{Suffix(suffix) ?? DefaultSuffix}";
        if (domain.Length == 0) return $"Enter the SIP domain the client's phones register to, e.g. {example}.";
        if (domain.Length > MaxLength) return $"Is {domain.Length} characters long; a SIP domain has at most {MaxLength}.";
        if (domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
            return $"\"{domain}\" is not a DNS name: use only letters, digits, hyphens and dots, e.g. {example}.";
        var labels = domain.Split('.');
        if (labels.Length < 2) return $"\"{domain}\" needs at least one dot (a DNS name such as {example}).";
        if (labels.Any(l => l.Length == 0 || l.Length > 63 || l.StartsWith('-') || l.EndsWith('-')))
            return $"\"{domain}\" is not a DNS name: each part between dots has 1 to 63 characters and neither starts nor ends with a hyphen.";
        if (Suffix(suffix) is { } s && !domain.EndsWith("." + s, StringComparison.Ordinal))
            return $"\"{domain}\" is not under {s}: client SIP domains on this platform end with .{s}, e.g. {example}.";
        return null;
    }

    /// <summary>"Acme Corp." becomes acme-corp.voice.example (or acme-corp.SUFFIX).</summary>
    public static string DerivedFrom(string name, string? suffix)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--")) slug = slug.Replace("--", "-");
        slug = slug.Length == 0 ? "client" : slug[..Math.Min(slug.Length, 40)].Trim('-');
        return $"{slug}.{Suffix(suffix) ?? DefaultSuffix}";
    }

    /// <summary>A derived domain that is taken gets a random tag: "acme.voice.example" becomes "acme-3f9a1c.voice.example".</summary>
    public static string Tagged(string domain)
    {
        var dot = domain.IndexOf('.');
        return $"{domain[..dot]}-{Guid.NewGuid().ToString("N")[..6]}{domain[dot..]}";
    }

    private static string? Suffix(string? suffix) =>
        string.IsNullOrWhiteSpace(suffix) ? null : Normalize(suffix).TrimStart('.');
}
