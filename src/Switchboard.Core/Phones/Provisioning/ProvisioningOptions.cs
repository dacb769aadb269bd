namespace Switchboard.Core.Phones.Provisioning;

/// <summary>Configuration section "Provisioning" (docs/phones.md's contract; README's table).</summary>
public sealed record ProvisioningOptions
{
    // Provisioning:PublicUrl is read where the URL is made (Templates/ProvisioningValues.PublicUrl).
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
