using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Switchboard.Core.Data;
using Switchboard.Core.Secrets;

namespace Switchboard.Web.Hosting;

/// <summary>
/// Data Protection's key ring (behind the secrets' data key, cookies and antiforgery) lives in the
/// database, so every instance behind a load balancer reads the others' cookies; it is sealed
/// under a key the database does not hold: Secrets:Key (base64), or else the file Secrets:KeyFile.
/// </summary>
public static class KeyRingSetup
{
    public const string FileName = "switchboard.key";

    public static void AddSwitchboardKeyRing(this IServiceCollection services, IConfiguration config, string contentRoot, string? sqliteFile)
    {
        var key = new KeyRingKey(config["Secrets:Key"], KeyFile(config["Secrets:KeyFile"], contentRoot, sqliteFile));
        services.AddSingleton(key);
        services.AddDataProtection().SetApplicationName("Switchboard").PersistKeysToDbContext<SwitchboardDb>();
        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyRingXmlEncryptor(key));
    }

    /// <summary>
    /// Secrets:KeyFile (relative to the content root), or switchboard.key beside the SQLite file, or
    /// (PostgreSQL, or SQLite in memory) data/switchboard.key under the content root.
    /// </summary>
    public static string KeyFile(string? configured, string contentRoot, string? sqliteFile)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured.Trim(), contentRoot);
        if (!string.IsNullOrEmpty(sqliteFile) && sqliteFile != ":memory:" && !sqliteFile.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqliteFile))!, FileName);
        return Path.Combine(contentRoot, "data", FileName);
    }
}
