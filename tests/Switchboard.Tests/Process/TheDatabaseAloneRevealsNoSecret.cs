using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Postgres;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Process;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyRingCollection
{
    public const string Name = "Key ring";
}

/// <summary>
/// product.md, Running it: secrets at rest and the key ring behind cookies and antiforgery are
/// sealed under a key the database does not hold (Secrets:KeyFile, created 0600 on first start, or
/// Secrets:Key). Real server processes on SQLite (this suite) and PostgreSQL (the PostgreSQL suite
/// links this file): nothing stored holds a secret, the key or a key "in an unencrypted form"; a
/// copy of the database opens nothing without the key, and a server given none or another key
/// refuses to start, saying so, until the right key is back; a key ring stored unencrypted by
/// earlier versions is sealed on the first start, its secrets still readable.
/// </summary>
[Collection(KeyRingCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes (0600) are part of the contract
public sealed class TheDatabaseAloneRevealsNoSecret : IDisposable
{
    private static readonly XName EncryptedSecret = XNamespace.Get("http://schemas.asp.net/2015/03/dataProtection") + "encryptedSecret";
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
    }

    [Fact]
    public async Task A_copy_of_the_database_without_its_key_reveals_no_secret_and_no_server_starts_on_it_until_the_key_is_back()
    {
        var (first, db) = NewServer();
        await first.StartAsync();
        var key = ReadKeyFile(first.KeyFile);
        var (adminEmail, users) = await CreateUsersAsync(first);
        Assert.DoesNotContain("No XML encryptor configured", first.LogTail(int.MaxValue), StringComparison.Ordinal);
        first.Kill();

        // Everything stored (every byte of the SQLite file and its log; every row of every PostgreSQL table).
        var stored = Everything(db);
        Assert.True(Find(stored, "encryptedSecret"), "the key ring should be stored encrypted");
        Assert.False(Find(stored, "unencrypted form"), "a key of the key ring is stored in an unencrypted form");
        Assert.False(Find(stored, File.ReadAllText(first.KeyFile).Trim()) || Find(stored, key) || Find(stored, Convert.ToHexStringLower(key)), "the database holds the key");
        foreach (var (_, secret, pin) in users)
        {
            Assert.False(Find(stored, secret), $"the database holds the phone secret {secret}");
            Assert.False(Find(stored, pin), $"the database holds the PIN {pin}");
        }

        // A server on a copy, without the key file: refuses, changing nothing (no new key that would lose everything).
        var (second, copy) = NewServerOnCopyOf(db);
        var keysStored = copy.Count("SELECT count(*) FROM \"DataProtectionKeys\"");
        await AssertRefusesAsync(second, second.KeyFile, "does not exist");
        Assert.False(File.Exists(second.KeyFile), "a server refusing the database created a key file");

        // Another key, in the file or in Secrets:Key: refuses, naming where the key came from.
        WriteKeyFile(second.KeyFile, RandomNumberGenerator.GetBytes(32));
        await AssertRefusesAsync(second, second.KeyFile, "does not open this database's key ring");
        second.Environment["Secrets__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await AssertRefusesAsync(second, "Secrets:Key", "does not open this database's key ring");
        second.Environment.Remove("Secrets__Key");
        Assert.Equal(keysStored, copy.Count("SELECT count(*) FROM \"DataProtectionKeys\""));

        // The right key back: the copy's secrets read as they were.
        WriteKeyFile(second.KeyFile, key);
        await second.StartAsync();
        var http = await second.SignInAsync(adminEmail, SwitchboardApp.AdminPass);
        await AssertSecretsReadAsync(http, users);
        second.Kill();

        // The database alone, opened the way the key ring's own library opens it, does not unwrap the secrets' key.
        AssertTheKeyRingDoesNotOpenWithoutTheKey(copy);
    }

    [Fact]
    public async Task A_key_ring_stored_unencrypted_by_an_earlier_version_is_sealed_once_on_the_first_start_and_its_secrets_still_read()
    {
        var (server, db) = NewServer();
        await server.StartAsync();
        var (adminEmail, users) = await CreateUsersAsync(server);
        server.Kill();

        // The database as earlier versions left it: the key ring in plain XML, no key file.
        var oldKey = ReadKeyFile(server.KeyFile);
        Assert.True(StoreUnencrypted(db, oldKey) > 0);
        File.Delete(server.KeyFile);
        Assert.True(Find(Everything(db), "unencrypted form"), "the key ring should now be stored as earlier versions did");

        await server.StartAsync();
        var newKey = ReadKeyFile(server.KeyFile);
        Assert.NotEqual(oldKey, newKey);
        Assert.Contains("keys of the Data Protection key ring", server.LogTail(int.MaxValue), StringComparison.Ordinal);
        var http = await server.SignInAsync(adminEmail, SwitchboardApp.AdminPass);
        await AssertSecretsReadAsync(http, users);
        server.Kill();

        var stored = Everything(db);
        Assert.False(Find(stored, "unencrypted form"), "a key of the key ring is still stored in an unencrypted form");
        Assert.True(Find(stored, "encryptedSecret"));
        AssertTheKeyRingDoesNotOpenWithoutTheKey(db);

        // Sealed once: the next start has nothing to move and says nothing about it.
        await server.StartAsync();
        server.Kill();
        var log = server.LogTail(int.MaxValue);
        Assert.Equal(1, log.Split("keys of the Data Protection key ring").Length - 1);
    }

    /// <summary>A server on a fresh database: SQLite in its own folder (its key file beside it, by default), or a new PostgreSQL database.</summary>
    private (ServerProcess Server, TestDatabase Db) NewServer()
    {
        if (!TestDatabase.UsePostgres)
        {
            var s = Own(new ServerProcess());
            return (s, TestDatabase.SqliteFile(s.DatabasePath)); // deleted with the server's folder
        }
        var db = Own(TestDatabase.Create());
        return (Own(new ServerProcess(db.Provider, db.ConnectionString)), db);
    }

    private (ServerProcess Server, TestDatabase Db) NewServerOnCopyOf(TestDatabase db)
    {
        if (!TestDatabase.UsePostgres)
        {
            var s = Own(new ServerProcess());
            return (s, db.Copy(s.DatabasePath));
        }
        var copy = Own(db.Copy());
        return (Own(new ServerProcess(copy.Provider, copy.ConnectionString)), copy);
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>A client administrator and three users with phone secrets and PINs, through the API.</summary>
    private static async Task<(string AdminEmail, List<(int Id, string Secret, string Pin)> Users)> CreateUsersAsync(ServerProcess server)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admin = await server.AdminAsync();
        var reseller = (await admin.PostJson("/api/v1/resellers", new { name = $"Key reseller {tag}" }))["id"]!.GetValue<int>();
        var client = (await admin.PostJson("/api/v1/clients", new { name = $"Key client {tag}", resellerId = reseller }))["id"]!.GetValue<int>();
        var email = $"key-{tag}@admins.test";
        await admin.PostJson("/api/v1/accounts", new { email, password = SwitchboardApp.AdminPass, role = "client", clientId = client });
        var http = await server.SignInAsync(email, SwitchboardApp.AdminPass);
        var users = new List<(int, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            var secret = $"KeyRingSecret{i}Q{tag}";
            var pin = $"9{RandomNumberGenerator.GetInt32(1_000_000, 10_000_000)}{i}";
            var user = await http.PostJson("/api/v1/users", new
            {
                clientId = client, firstName = "Key", lastName = $"Ring{i}", email = $"key{i}-{tag}@example.test",
                extension = $"{7100 + i}", phoneSecret = secret, voicemailPin = pin, webPassword = $"Web-Pw-{tag}-{i}-Zq",
            });
            users.Add((user["id"]!.GetValue<int>(), secret, pin));
        }
        await AssertSecretsReadAsync(http, users);
        return (email, users);
    }

    private static async Task AssertSecretsReadAsync(HttpClient http, List<(int Id, string Secret, string Pin)> users)
    {
        foreach (var (id, secret, pin) in users)
        {
            var user = await http.GetJson($"/api/v1/users/{id}?includeSecrets=true");
            Assert.Equal((secret, pin), (user["phoneSecret"]!.GetValue<string>(), user["voicemailPin"]!.GetValue<string>()));
        }
    }

    private static async Task AssertRefusesAsync(ServerProcess server, params string[] saying)
    {
        var code = await server.StartExpectingExitAsync();
        var log = server.LogTail(int.MaxValue);
        var run = log[log.LastIndexOf("---- starting", StringComparison.Ordinal)..];
        Assert.True(code != 0, $"the server exited with 0:\n{run}");
        foreach (var s in saying) Assert.True(run.Contains(s, StringComparison.Ordinal), $"the refusal does not say '{s}':\n{run}");
        Assert.DoesNotContain("Unhandled exception", run, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run, StringComparison.Ordinal); // no stack trace
    }

    /// <summary>
    /// What someone holding only the database would do: open its key ring with a fresh Data
    /// Protection stack (no key) and unwrap the data key that seals the phone secrets and PINs. On a
    /// copy: finding no key it can use, Data Protection adds a new one to the key ring.
    /// </summary>
    private static void AssertTheKeyRingDoesNotOpenWithoutTheKey(TestDatabase original)
    {
        using var db = original.Copy();
        var services = new ServiceCollection();
        if (db.Provider == "sqlite") services.AddDbContext<SwitchboardDb>(o => o.UseSqlite(db.ConnectionString + ";Pooling=False"));
        else services.AddDbContext<SwitchboardDb, PostgresDb>(o => o.UseNpgsql(db.ConnectionString));
        services.AddDataProtection().SetApplicationName("Switchboard").PersistKeysToDbContext<SwitchboardDb>();
        using var provider = services.BuildServiceProvider();
        var wrapped = (string)db.Scalar("SELECT \"WrappedKey\" FROM \"SecretKeys\"")!;
        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Switchboard.Secrets.DataKey.v1");
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(wrapped));
    }

    /// <summary>Every byte stored: the SQLite file and its write-ahead log, or every row of every PostgreSQL table as text.</summary>
    private static byte[] Everything(TestDatabase db)
    {
        if (db.Provider == "sqlite")
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
            return [.. File.ReadAllBytes(path), .. File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []];
        }
        var tables = new List<string>();
        using (var c = db.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var t in tables) text.Append(db.Scalar($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{t}\" t")).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static bool Find(byte[] haystack, string text) => Find(haystack, Encoding.UTF8.GetBytes(text));

    private static bool Find(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] ReadKeyFile(string path)
    {
        Assert.True(File.Exists(path), $"no key file {path}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        Assert.Equal(32, key.Length);
        return key;
    }

    private static void WriteKeyFile(string path, byte[] key)
    {
        File.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// Stores the key ring as versions before the key did (each sealed element opened again, in
    /// place: the same keys), by its own reading of the sealed form (AES-256-GCM, nonce | tag |
    /// ciphertext). Answers how many keys it rewrote.
    /// </summary>
    private static int StoreUnencrypted(TestDatabase db, byte[] key)
    {
        var rows = new List<(int Id, string Xml)>();
        using var c = db.Open();
        using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT \"Id\", \"Xml\" FROM \"DataProtectionKeys\"";
            using var r = read.ExecuteReader();
            while (r.Read()) rows.Add((r.GetInt32(0), r.GetString(1)));
        }
        using var aes = new AesGcm(key, 16);
        foreach (var (id, xml) in rows)
        {
            var element = XElement.Parse(xml);
            foreach (var secret in element.Descendants(EncryptedSecret).ToList())
            {
                var bytes = Convert.FromBase64String(secret.Elements().Single().Value.Trim());
                var plain = new byte[bytes.Length - 28];
                aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain, "Switchboard key ring v1"u8);
                secret.ReplaceWith(XElement.Parse(Encoding.UTF8.GetString(plain)));
            }
            using var write = c.CreateCommand();
            write.CommandText = $"UPDATE \"DataProtectionKeys\" SET \"Xml\" = @xml WHERE \"Id\" = {id}";
            var p = write.CreateParameter();
            p.ParameterName = "xml";
            p.Value = element.ToString(SaveOptions.DisableFormatting);
            write.Parameters.Add(p);
            write.ExecuteNonQuery();
        }
        return rows.Count;
    }
}
