using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Undo;

namespace Switchboard.Web.Pages.Imports;

public sealed class DetailModel(Tenant tenant, SwitchboardDb db, ImportProgress progress, StartUndo startUndo, ValidatedFile validated) : PageModel
{
    public ImportJob Job { get; private set; } = null!;
    public ImportReport Report { get; private set; } = new([], []);
    public int Processed { get; private set; }
    public int Rows { get; private set; }
    /// <summary>The undo that reverted this import, if one did.</summary>
    public ImportJob? UndoneBy { get; private set; }
    /// <summary>Whether the caller sees the Undo this import button.</summary>
    public bool CanUndo { get; private set; }
    /// <summary>Why this import cannot be undone now, shown to a client administrator instead of the button.</summary>
    public string? UndoBlocked { get; private set; }
    public string? Error { get; private set; }
    /// <summary>A validation without failed rows: whether Import this file now is offered, or why not.</summary>
    public bool CanImportNow { get; private set; }
    public string? ImportNowBlocked { get; private set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var job = await tenant.Imports.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return false;
        Job = job;
        Processed = progress.Processed(job);
        Rows = job.Rows;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await LoadPageAsync(ct);
        return Page();
    }

    private async Task LoadPageAsync(CancellationToken ct)
    {
        Report = ImportReport.FromJson(Job.ReportJson);
        if (Job.DryRun && Job.Status == ImportStatus.Completed && Job.Failed == 0)
        {
            ImportNowBlocked = await validated.RefusalAsync(tenant.Caller, Job, ct);
            CanImportNow = ImportNowBlocked is null;
        }
        if (Job.UndoneBy is { } by) UndoneBy = await tenant.Imports.AsNoTracking().FirstOrDefaultAsync(j => j.Id == by, ct);
        if (Job.Kind == ImportKind.Import && !Job.DryRun && StartUndo.Refusal(tenant.Caller) is null && Job.Status == ImportStatus.Completed)
        {
            UndoBlocked = await startUndo.ConflictAsync(Job, ct);
            CanUndo = UndoBlocked is null;
        }
    }

    /// <summary>Undo this import: queues the undo job and shows its page (progress, then its report).</summary>
    public async Task<IActionResult> OnPostUndoAsync(int id, CancellationToken ct)
    {
        var (job, refusal) = await startUndo.RunAsync(tenant, id, ct);
        if (job is not null) return Redirect($"/imports/{job.Id}");
        if (refusal!.Kind == UndoRefusal.Kinds.NotFound || !await LoadAsync(id, ct)) return NotFound();
        Error = refusal.Message;
        await LoadPageAsync(ct);
        return Page();
    }

    /// <summary>Import this file now: imports the validated file (kept server-side) and shows the import's page.</summary>
    public async Task<IActionResult> OnPostImportNowAsync(int id, CancellationToken ct)
    {
        var (job, refusal) = await validated.RunAsync(tenant, id, ct);
        if (job is not null) return Redirect($"/imports/{job.Id}");
        if (refusal is null || !await LoadAsync(id, ct)) return NotFound();
        Error = refusal;
        await LoadPageAsync(ct);
        return Page();
    }

    /// <summary>What the progress bar polls while the job runs.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return new JsonResult(new { status = Job.Status, rows = Rows, processed = Processed });
    }

    public async Task<IActionResult> OnGetFailedRowsAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var csv = await db.ImportFiles.Where(f => f.ImportJobId == id).Select(f => f.FailedRowsCsv).FirstOrDefaultAsync(ct);
        return csv is null ? NotFound() : File(csv, "text/csv; charset=utf-8", $"failed-rows-{id}.csv");
    }
}
