using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users.Import;

/// <summary>
/// "Import this file now": after a Validate only run without failed rows, the same uploaded file is
/// imported without a second upload. The dry run keeps its file sealed (it may hold passwords, secrets
/// and PINs) for <see cref="KeepFor"/>, usable once, only by the administrator who uploaded it and only
/// inside that client (the job is read through the tenant's walls, so another client's ID is not found).
/// </summary>
public sealed class ValidatedFile(SwitchboardDb db, StartImport start)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    /// <summary>Larger validated files are not kept (sealing and holding them would cost more than uploading again).</summary>
    public const int MaxKeptBytes = 32 << 20;

    /// <summary>Whether a finished job's upload is kept for Import this file now.</summary>
    public static bool Keeps(ImportJob job) => job.DryRun && job.Kind == ImportKind.Import && job.Failed == 0;

    /// <summary>The job's upload, sealed to be kept; null when it is too large to keep.</summary>
    public static async Task<byte[]?> SealAsync(SwitchboardDb db, int jobId, CancellationToken ct)
    {
        var content = await db.ImportFiles.Where(f => f.ImportJobId == jobId).Select(f => f.Content).FirstAsync(ct);
        return content.Length is 0 or > MaxKeptBytes ? null : System.Text.Encoding.UTF8.GetBytes(SecretBox.Seal(Convert.ToBase64String(content)));
    }

    private static byte[] Open(byte[] kept) => Convert.FromBase64String(SecretBox.Open(System.Text.Encoding.UTF8.GetString(kept)));

    /// <summary>Why the caller cannot import this validation's file now, or null when it can (shown instead of the button).</summary>
    public async Task<string?> RefusalAsync(Caller caller, ImportJob job, CancellationToken ct)
    {
        if (!job.DryRun || job.Kind != ImportKind.Import || job.Status != ImportStatus.Completed || job.Failed > 0) return NotOffered;
        if (StartImport.Refusal(caller) is { } who) return who;
        if (job.SignInId != caller.Id) return "Only the administrator who uploaded this file can import it from here. Upload it again on the Import page.";
        if (job.FinishedAt is not { } at || at + KeepFor < DateTime.UtcNow || !await HeldAsync(job.Id, ct))
            return "This file is no longer kept (it is kept for an hour after validation, and imported once). Upload it again on the Import page.";
        return null;
    }

    public const string NotOffered = "Only a validation without failed rows can be imported from here.";

    // byte[].Length has no SQL translation; an emptied file holds exactly the empty array.
    private static readonly byte[] Emptied = [];

    private Task<bool> HeldAsync(int jobId, CancellationToken ct) =>
        db.ImportFiles.AnyAsync(f => f.ImportJobId == jobId && f.Content != Emptied, ct);

    /// <summary>Queues the import of validation <paramref name="dryRunId"/>'s file; (null, null) when the caller cannot see that job.</summary>
    public async Task<(ImportJob? Job, string? Refusal)> RunAsync(Tenant tenant, int dryRunId, CancellationToken ct)
    {
        var dryRun = await tenant.Imports.AsNoTracking().FirstOrDefaultAsync(j => j.Id == dryRunId, ct);
        if (dryRun is null) return (null, null);
        if (await RefusalAsync(tenant.Caller, dryRun, ct) is { } why) return (null, why);
        var kept = await db.ImportFiles.Where(f => f.ImportJobId == dryRunId).Select(f => f.Content).FirstAsync(ct);
        // Used once: whoever empties it first imports it (a second click finds nothing to claim).
        var claimed = await db.ImportFiles.Where(f => f.ImportJobId == dryRunId && f.Content != Emptied)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, Array.Empty<byte>()), ct);
        if (claimed == 0) return (null, "This file was already imported from here. See the Imports page.");
        return (await start.RunAsync(tenant.Caller, dryRun.FileName, Open(kept), dryRun: false, ct), null);
    }

    /// <summary>Empties kept files past <see cref="KeepFor"/> (the worker calls this when idle).</summary>
    public static Task<int> ExpireAsync(SwitchboardDb db, CancellationToken ct)
    {
        var cutoff = DateTime.UtcNow - KeepFor;
        var past = db.ImportJobs.Where(j => j.DryRun && j.FinishedAt != null && j.FinishedAt < cutoff).Select(j => j.Id);
        return db.ImportFiles.Where(f => past.Contains(f.ImportJobId) && f.Content != Emptied)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Content, Array.Empty<byte>()), ct);
    }
}
