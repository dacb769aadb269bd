namespace Switchboard.Core.Registrar;

/// <summary>
/// One registered contact as a registrar holds it: the address of record <see cref="Extension"/>@<see cref="Domain"/>
/// (lower case domain), where the phone is reached, and what the registrar needs to send it a request.
/// </summary>
public sealed record Registration(
    string Extension,
    string Domain,
    string Contact,
    string SourceAddress,
    string? UserAgent,
    DateTime? ExpiresAt,
    string Registrar,
    string? Socket,
    string? Received)
{
    public AddressOfRecord Aor => new(Extension, Domain);
}

/// <summary>extension@domain, the key the registrar keeps registrations under (domains compared in lower case).</summary>
public readonly record struct AddressOfRecord(string Extension, string Domain)
{
    public static AddressOfRecord Of(string extension, string domain) => new(extension, domain.ToLowerInvariant());
    public override string ToString() => $"{Extension}@{Domain}";
}
