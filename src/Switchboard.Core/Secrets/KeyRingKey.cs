using System.Security.Cryptography;

namespace Switchboard.Core.Secrets;

/// <summary>
/// The key the database does not hold: it seals the whole Data Protection key ring (the secrets'
/// data key, cookies, antiforgery) so that a copy of the database alone opens nothing. It comes
/// from <c>Secrets:Key</c> (base64) or else from the file <c>Secrets:KeyFile</c>, which the first
/// start creates. Loaded once at start-up by <see cref="KeyRingGuard"/>, which first looks at the
/// database: a missing file is created only for a database whose key ring is not sealed yet.
/// </summary>
public sealed class KeyRingKey
{
    public const int Bytes = 32;
    private byte[]? _key;

    /// <param name="configuredKey">Secrets:Key, if set: it wins over the file.</param>
    /// <param name="keyFile">The full path of Secrets:KeyFile (or its default).</param>
    public KeyRingKey(string? configuredKey, string keyFile) => (ConfiguredKey, KeyFile) = (configuredKey, keyFile);

    public string? ConfiguredKey { get; }

    public string KeyFile { get; }

    public bool FromConfiguration => !string.IsNullOrWhiteSpace(ConfiguredKey);

    /// <summary>Where the key comes from, as an operator would look for it.</summary>
    public string Source => FromConfiguration ? "the key in Secrets:Key" : $"the key file {KeyFile} (Secrets:KeyFile)";

    public bool IsLoaded => _key is not null;

    public byte[] Value => _key ?? throw new InvalidOperationException("The key ring key is not loaded yet (KeyRingGuard.OpenAsync runs at start-up, before anything is sealed).");

    /// <summary>A short name of the key (not the key): stored beside what it seals, so a wrong key is named as such.</summary>
    public string Fingerprint => Name(Value);

    public static string Name(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    /// <summary>
    /// Reads the key from Secrets:Key or the file. A missing file is created (a new random key, mode
    /// 0600) only when <paramref name="mayCreate"/>: never for a database already sealed under a key.
    /// Answers whether it created the file.
    /// </summary>
    internal bool Load(bool mayCreate)
    {
        if (FromConfiguration)
        {
            _key = Decode(ConfiguredKey!, "Secrets:Key", "Set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
            return false;
        }
        var created = false;
        if (!File.Exists(KeyFile))
        {
            if (!mayCreate)
                throw new KeyRingRefusedException(
                    $"The key file {KeyFile} (Secrets:KeyFile) does not exist, but this database's key ring is sealed under a key. " +
                    "A new key would not open it: every phone secret, PIN and sign-in would be lost. Restore the key file that was backed up " +
                    "with this database to that path, or point Secrets:KeyFile at it, or set Secrets:Key to its content. Nothing was changed.");
            created = Create();
        }
        string text;
        try
        {
            text = File.ReadAllText(KeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingRefusedException($"The key file {KeyFile} (Secrets:KeyFile) cannot be read: {e.Message} Give the server's user read access to it (mode 0600, owned by that user).");
        }
        _key = Decode(text, $"The key file {KeyFile} (Secrets:KeyFile)", "Restore the key file from the backup taken with this database");
        return created;
    }

    private static byte[] Decode(string text, string what, string fix)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == Bytes) return key;
        }
        catch (FormatException)
        {
        }
        throw new KeyRingRefusedException($"{what} does not hold a key: it must be {Bytes} bytes in base64 (44 characters). {fix}.");
    }

    /// <summary>
    /// A new random key, readable only by the server's user. Written to a temporary file first and
    /// moved into place without overwriting, so two servers creating it at once end up with one key.
    /// </summary>
    private bool Create()
    {
        var dir = Path.GetDirectoryName(KeyFile)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(KeyFile)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new FileStream(temp, options))
            using (var writer = new StreamWriter(file))
            {
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)));
                writer.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, KeyFile, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(KeyFile))
        {
            // Another server created it first: its key is the one.
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingRefusedException($"The key file {KeyFile} (Secrets:KeyFile) cannot be created: {e.Message} Let the server's user write to {dir}, or point Secrets:KeyFile elsewhere, or set Secrets:Key.");
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

/// <summary>A start refused because of the key: the message says what is wrong and what to do, and is all the operator sees.</summary>
public sealed class KeyRingRefusedException(string message) : Exception(message);
