using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Import;

namespace Switchboard.Core.Users.Undo;

/// <summary>Why an undo was refused: the answer's status and a message that says why.</summary>
public sealed record UndoRefusal(UndoRefusal.Kinds Kind, string Message)
{
    public enum Kinds { Forbidden, NotFound, Conflict }
}

/// <summary>
/// Queues the undo of an import as a job of kind "undo" (API and import page alike): it runs in the
/// client's queue behind the imports uploaded before it, in one transaction (see <see cref="UndoCommit"/>).
/// </summary>
public sealed class StartUndo(SwitchboardDb db, ImportQueue queue, IOptions<UndoOptions> options)
{
    /// <summary>Why the caller may not undo imports at all, or null when it may.</summary>
    public static string? Refusal(Caller caller) => caller switch
    {
        { CanImportUsers: true } => null,
        { IsReseller: true } => "Reseller accounts cannot undo imports. Sign in as an administrator of the client to undo its import.",
        _ => "Only client administrators undo imports.",
    };

    /// <summary>Why <paramref name="job"/> cannot be undone now (null: it can), for the API and the import page.</summary>
    public async Task<string?> ConflictAsync(ImportJob job, CancellationToken ct)
    {
        if (job.Kind == ImportKind.Undo)
            return $"Job {job.Id} is itself an undo (of import {job.Undoes}); an undo cannot be undone. Import the users again if you need them back.";
        if (job.DryRun)
            return $"Import {job.Id} was Validate only: it changed nothing, so there is nothing to undo.";
        if (job.Status is ImportStatus.Queued or ImportStatus.Running)
            return $"Import {job.Id} has not finished yet (it is {job.Status}). Wait until it has completed, then undo it.";
        if (job.Status != ImportStatus.Completed)
            return $"Import {job.Id} failed, so nothing of it was applied: there is nothing to undo.";
        if (job.UndoneBy is { } by)
        {
            var undo = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == by, ct);
            return $"Import {job.Id} was already undone by {undo?.RunBy ?? "an administrator"} at {Time(undo?.FinishedAt)} (job {by}).";
        }
        var pending = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Undoes == job.Id && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        if (pending is not null)
            return $"An undo of import {job.Id} is already waiting to run (job {pending}). Follow it on its page.";
        if (job.FinishedAt is { } finished && finished + options.Value.Window < DateTime.UtcNow)
            return $"Import {job.Id} finished at {Time(finished)}; an import can be undone for {Days} after it finished, " +
                   "and what it kept for that is deleted. Change the users back with a new import instead.";
        if (job.Created + job.Updated > 0 && !await db.ImportBeforeImages.AnyAsync(i => i.ImportJobId == job.Id, ct))
            return $"Import {job.Id} ran before this server kept what imports change, so it cannot be undone. Change the users back with a new import instead.";
        return null;
    }

    private string Days => options.Value.UndoDays == 1 ? "1 day" : $"{options.Value.UndoDays.ToString(CultureInfo.InvariantCulture)} days";

    private static string Time(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "an unknown time";

    /// <summary>The new undo job, or why not (403 for a caller who may not, 404 for an import it cannot see, 409 for one that cannot be undone).</summary>
    public async Task<(ImportJob? Job, UndoRefusal? Refusal)> RunAsync(Tenant tenant, int importId, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (Refusal(caller) is { } why) return (null, new UndoRefusal(UndoRefusal.Kinds.Forbidden, why));
        var target = await tenant.Imports.AsNoTracking().FirstOrDefaultAsync(j => j.Id == importId, ct);
        if (target is null) return (null, new UndoRefusal(UndoRefusal.Kinds.NotFound, $"Import {importId}"));
        if (await ConflictAsync(target, ct) is { } conflict) return (null, new UndoRefusal(UndoRefusal.Kinds.Conflict, conflict));
        var job = new ImportJob
        {
            ClientId = target.ClientId, SignInId = caller.Id, RunBy = caller.Email, Kind = ImportKind.Undo, Undoes = target.Id,
            FileName = $"undo of import {target.Id}", Status = ImportStatus.Queued, CreatedAt = DateTime.UtcNow, Address = caller.Address,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        queue.Notify();
        return (job, null);
    }
}
