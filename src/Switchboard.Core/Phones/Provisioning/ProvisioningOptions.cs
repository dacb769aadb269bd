namespace Switchboard.Core.Phones.Provisioning;

/// <summary>Configuration section "Provisioning" (docs/phones.md's contract; README's table).</summary>
public sealed record ProvisioningOptions
{
    /// <summary>The URL phones fetch from as they see it; default: the request's scheme and host + /provisioning/.</summary>
    public string? PublicUrl { get; init; }
    /// <summary>Plain HTTP allowed (Digest only), for networks the operator trusts.</summary>
    public bool AllowHttp { get; init; }
    public string Realm { get; init; } = "switchboard";
    public int PreviousPasswordHours { get; init; } = 168;
    public int MaxFailuresPerAddress { get; init; } = 30;
    public int WindowSeconds { get; init; } = 60;
    public int MaxNotFoundPerCredential { get; init; } = 100;
    /// <summary>How long a Digest nonce is accepted after it was issued.</summary>
    public int NonceSeconds { get; init; } = 300;
}
