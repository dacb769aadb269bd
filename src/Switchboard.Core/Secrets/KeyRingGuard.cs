using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Data;

namespace Switchboard.Core.Secrets;

/// <summary>
/// At start-up, before anything is sealed or opened: loads <see cref="KeyRingKey"/> and checks it
/// opens the database's key ring, or refuses the start (<see cref="KeyRingRefusedException"/>),
/// changing nothing. A key ring stored unencrypted by earlier versions is sealed in place, once:
/// the same keys, so what they protect (the secrets' data key, cookies) stays readable.
/// Runs under the migration lock, so instances starting together do this one after another.
/// </summary>
public static class KeyRingGuard
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    public static async Task OpenAsync(SwitchboardDb db, KeyRingKey key, ILogger log, CancellationToken ct = default)
    {
        var rows = await db.DataProtectionKeys.ToListAsync(ct);
        var keys = rows.Select(r => (Row: r, Xml: XElement.Parse(r.Xml ?? "<empty />"))).ToList();
        var sealedElements = keys.SelectMany(k => k.Xml.Descendants(KeyRingXml.Sealed)).ToList();

        if (key.Load(mayCreate: sealedElements.Count == 0))
            log.LogWarning("Created {KeyFile}, the key that seals this database's secrets: back it up with the database, kept apart from the database's own backups (either alone is useless)", key.KeyFile);
        WarnIfOthersCanRead(key, log);

        foreach (var element in sealedElements)
        {
            try
            {
                KeyRingXml.Open(element, key.Value);
            }
            catch (CryptographicException)
            {
                throw new KeyRingRefusedException(
                    $"{Capitalised(key.Source)} does not open this database's key ring: it was sealed under the key named " +
                    $"{KeyRingXml.SealedWith(element) ?? "(unknown)"}, and this key is named {key.Fingerprint}. " +
                    "Start with the key this database was sealed with: restore the key file backed up with this database (or set Secrets:Key to it). " +
                    "Another key would lose every phone secret, PIN and sign-in, so the server stops here; nothing was changed.");
            }
        }

        var unsealed = keys.Where(k => k.Xml.Descendants().Any(MustBeSealed)).ToList();
        if (unsealed.Count == 0) return;
        foreach (var (row, xml) in unsealed) row.Xml = Seal(xml, key).ToString(SaveOptions.DisableFormatting);
        await db.SaveChangesAsync(ct);
        log.LogWarning(
            "Sealed the {Count} keys of the Data Protection key ring (phone secrets and PINs, cookies, antiforgery) that earlier versions stored unencrypted, under {Source}: " +
            "from now on the database alone opens none of them. Back up that key with the database.", unsealed.Count, key.Source);
    }

    private static bool MustBeSealed(XElement e) => (string?)e.Attribute(RequiresEncryption) == "true";

    /// <summary>What Data Protection does with an encryptor when it stores a new key: each element marked secret becomes an encryptedSecret.</summary>
    private static XElement Seal(XElement xml, KeyRingKey key)
    {
        var copy = new XElement(xml);
        var encryptor = new KeyRingXmlEncryptor(key);
        while (copy.Descendants().FirstOrDefault(MustBeSealed) is { } secret)
        {
            var info = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                info.EncryptedElement));
        }
        return copy;
    }

    private static void WarnIfOthersCanRead(KeyRingKey key, ILogger log)
    {
        if (key.FromConfiguration || OperatingSystem.IsWindows()) return;
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((File.GetUnixFileMode(key.KeyFile) & others) != 0)
            log.LogWarning("The key file {KeyFile} can be read by other users than the server's: restrict it (chmod 600)", key.KeyFile);
    }

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
