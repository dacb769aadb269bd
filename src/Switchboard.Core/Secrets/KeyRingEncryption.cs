using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Core.Secrets;

/// <summary>
/// Seals each secret element of the Data Protection key ring (its master keys) with AES-256-GCM
/// under <see cref="KeyRingKey"/> before it is stored, so Data Protection stores them as
/// encrypted, never "in an unencrypted form". Stored as
/// <c>&lt;sealed key="fingerprint"&gt;base64(nonce | tag | ciphertext)&lt;/sealed&gt;</c>.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(KeyRingXml.Seal(plaintextElement, key.Value), typeof(KeyRingXmlDecryptor));
}

/// <summary>Opens what <see cref="KeyRingXmlEncryptor"/> sealed; Data Protection creates it by type name, with the services.</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        KeyRingXml.Open(encryptedElement, services.GetService<KeyRingKey>() is { IsLoaded: true } key
            ? key.Value
            : throw new CryptographicException("This key ring is sealed under Switchboard's key (Secrets:KeyFile or Secrets:Key), which this process does not have."));
}

internal static class KeyRingXml
{
    public static readonly XName Sealed = XNamespace.Get("urn:switchboard:key-ring:v1") + "sealed";
    private const int NonceBytes = 12, TagBytes = 16;
    // Binds the ciphertext to its use: the same key sealing anything else cannot be passed off as a key-ring element.
    private static readonly byte[] Context = "Switchboard key ring v1"u8.ToArray();

    public static XElement Seal(XElement plain, byte[] key)
    {
        var text = Encoding.UTF8.GetBytes(plain.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + text.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagBytes))
            aes.Encrypt(nonce, text, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), Context);
        CryptographicOperations.ZeroMemory(text);
        return new XElement(Sealed,
            new XAttribute("key", KeyRingKey.Name(key)),
            new XComment(" AES-256-GCM under the key of Secrets:KeyFile or Secrets:Key, which the database does not hold "),
            Convert.ToBase64String(sealedBytes));
    }

    /// <summary>The element sealed inside; a CryptographicException when <paramref name="key"/> is not the one it was sealed with.</summary>
    public static XElement Open(XElement sealedElement, byte[] key)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedElement.Value.Trim());
        }
        catch (FormatException)
        {
            throw new CryptographicException("A sealed key-ring element is not base64.");
        }
        if (bytes.Length < NonceBytes + TagBytes) throw new CryptographicException("A sealed key-ring element is too short.");
        var text = new byte[bytes.Length - NonceBytes - TagBytes];
        try
        {
            using (var aes = new AesGcm(key, TagBytes))
                aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes + TagBytes), bytes.AsSpan(NonceBytes, TagBytes), text, Context);
            return XElement.Parse(Encoding.UTF8.GetString(text));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>The fingerprint of the key an element says it was sealed with.</summary>
    public static string? SealedWith(XElement sealedElement) => (string?)sealedElement.Attribute("key");
}
