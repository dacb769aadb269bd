using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Secrets;

/// <summary>
/// Loads the data key at start-up (creating it the first time, once even when several instances
/// start together) and seals any secret still stored in plain text from before.
/// </summary>
public static class SecretKeyStore
{
    private const string Purpose = "Switchboard.Secrets.DataKey.v1";

    // Hosts starting together in one process (tests) must not each make a key: see SecretBox.Use.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task LoadAsync(SwitchboardDb db, IDataProtectionProvider protection, CancellationToken ct = default)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            await LoadKeyAsync(db, protection, ct);
        }
        finally
        {
            OneAtATime.Release();
        }
        await SealPlainTextAsync(db, ct);
    }

    private static async Task LoadKeyAsync(SwitchboardDb db, IDataProtectionProvider protection, CancellationToken ct)
    {
        var protector = protection.CreateProtector(Purpose);
        var stored = await db.SecretKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == 1, ct);
        if (stored is null)
        {
            var key = SecretBox.CurrentKey ?? RandomNumberGenerator.GetBytes(32);
            db.SecretKeys.Add(new SecretKey { Id = 1, WrappedKey = protector.Protect(Convert.ToBase64String(key)), CreatedAt = DateTime.UtcNow });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment stored its key first: use that one.
                db.ChangeTracker.Clear();
            }
            stored = await db.SecretKeys.AsNoTracking().FirstAsync(k => k.Id == 1, ct);
        }
        SecretBox.Use(Convert.FromBase64String(protector.Unprotect(stored.WrappedKey)));
    }

    /// <summary>Rows written before secrets were sealed (read as they are meanwhile), sealed in batches.</summary>
    private static async Task SealPlainTextAsync(SwitchboardDb db, CancellationToken ct)
    {
        var prefix = SecretBox.Prefix + "%";
        while (true)
        {
            var plain = await db.Database.SqlQuery<PlainSecrets>(
                    $"SELECT \"Id\", \"PhoneSecret\", \"VoicemailPin\" FROM \"Users\" WHERE \"PhoneSecret\" NOT LIKE {prefix} OR \"VoicemailPin\" NOT LIKE {prefix} LIMIT 1000")
                .ToListAsync(ct);
            if (plain.Count == 0) return;
            foreach (var u in plain)
            {
                var secret = SecretBox.IsSealed(u.PhoneSecret) ? u.PhoneSecret : SecretBox.Seal(u.PhoneSecret);
                var pin = SecretBox.IsSealed(u.VoicemailPin) ? u.VoicemailPin : SecretBox.Seal(u.VoicemailPin);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE \"Users\" SET \"PhoneSecret\" = {secret}, \"VoicemailPin\" = {pin} WHERE \"Id\" = {u.Id}", ct);
            }
        }
    }

    private sealed record PlainSecrets(int Id, string PhoneSecret, string VoicemailPin);
}
