using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations, opens the key ring (<see cref="KeyRingGuard"/>), loads the secrets key and creates the first platform administrator when
    /// there is none. On PostgreSQL, instances starting together do this one after another under an
    /// advisory lock: EF Core's own migration lock is taken only once its history table exists, and
    /// two instances creating that table at once was seen to fail one of them.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var dialect = Dialect.For(db.Database);
        await dialect.LockMigrationsAsync(db.Database);
        try
        {
            await PrepareAsync(app, scope, db);
        }
        finally
        {
            await dialect.UnlockMigrationsAsync(db.Database);
        }
    }

    /// <summary>
    /// Users stored before the registrar's HA1s existed get theirs once (the secrets are sealed, so the
    /// migration that added the columns could not compute them).
    /// </summary>
    private static async Task FillMissingSipCredentialsAsync(SwitchboardDb db, ILogger log)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var filled = await Switchboard.Core.Sip.SipCredentials.RewriteAsync(db, clientId: null, missingOnly: true, CancellationToken.None);
        await tx.CommitAsync();
        if (filled > 0) log.LogInformation("Stored the SIP registrar's credentials of {Count} users", filled);
    }

    private static async Task PrepareAsync(WebApplication app, IServiceScope scope, SwitchboardDb db)
    {
        await db.Database.MigrateAsync();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Bootstrap");
        if (Switchboard.Core.Users.Storage.BenchmarkSwitches.Any)
            log.LogWarning("{Variable} is set (benchmarks only): imports keep no before-images ({BeforeImages}) or store no SIP HA1s ({Ha1})",
                Switchboard.Core.Users.Storage.BenchmarkSwitches.Variable, Switchboard.Core.Users.Storage.BenchmarkSwitches.WithoutBeforeImages,
                Switchboard.Core.Users.Storage.BenchmarkSwitches.WithoutHa1);
        // Before anything opens the key ring: a wrong key stops the start here, with nothing changed.
        await KeyRingGuard.OpenAsync(db, scope.ServiceProvider.GetRequiredService<KeyRingKey>(), log);
        await SecretKeyStore.LoadAsync(db, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        await FillMissingSipCredentialsAsync(db, log);
        if (string.Equals(app.Configuration["seed"], "demo", StringComparison.OrdinalIgnoreCase))
            await DemoSeed.RunAsync(db, scope.ServiceProvider.GetRequiredService<Passwords>(), log);
        if (string.Equals(app.Configuration["seed"], "starters", StringComparison.OrdinalIgnoreCase))
            log.LogInformation("Loaded {Count} starter system templates", await Switchboard.Core.Phones.Provisioning.Templates.StarterTemplates.LoadAsync(db));
        if (await db.SignIns.AnyAsync(s => s.Role == Roles.Admin)) return;

        var email = app.Configuration["Bootstrap:AdminEmail"] ?? "admin@switchboard.local";
        var password = app.Configuration["Bootstrap:AdminPassword"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 20);
        db.SignIns.Add(new SignIn
        {
            Email = email.Trim(),
            NormalizedEmail = EmailValue.Normalize(email),
            PasswordHash = scope.ServiceProvider.GetRequiredService<Passwords>().Hash(password!),
            Role = Roles.Admin,
            CreatedAt = DateTime.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (db.SignIns.Any(s => s.Role == Roles.Admin))
        {
            // Another instance starting at the same time on the same database created it first.
            return;
        }
        if (generated)
        {
            // Printed once, on the console only: it is never stored in plain text.
            Console.WriteLine($"Created platform administrator {email} with generated password: {password}");
        }
        else log.LogInformation("Created platform administrator {Email}", email);
    }
}
