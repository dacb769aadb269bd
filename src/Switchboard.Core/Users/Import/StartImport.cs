using Microsoft.Extensions.Options;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Users.Import;

/// <summary>Stores an uploaded users.csv with a new queued job and hands it to the worker (API and Import page alike).</summary>
public sealed class StartImport(SwitchboardDb db, ImportQueue queue, IOptions<CsvLimits> limits)
{
    /// <summary>Why the caller may not import, or null when it may.</summary>
    public static string? Refusal(Caller caller) => caller switch
    {
        { CanImportUsers: true } => null,
        { IsReseller: true } => "Reseller accounts cannot import users. Sign in as an administrator of the client to import its users.csv.",
        _ => "Only client administrators import users.csv.",
    };

    public async Task<ImportJob> RunAsync(Caller caller, string? fileName, byte[] content, bool dryRun, CancellationToken ct)
    {
        if (Refusal(caller) is { } why) throw new InvalidOperationException(why);
        var job = new ImportJob
        {
            ClientId = caller.ClientId!.Value, SignInId = caller.Id, RunBy = caller.Email,
            FileName = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "users.csv" : fileName),
            DryRun = dryRun, Status = ImportStatus.Queued, CreatedAt = DateTime.UtcNow, Address = caller.Address,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            queue.Offer(job.Id, content, limits.Value);
            try
            {
                db.ImportFiles.Add(new ImportFile { ImportJobId = job.Id, Content = content });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch
            {
                queue.Forget(job.Id);
                throw;
            }
        }
        queue.Notify();
        return job;
    }
}
