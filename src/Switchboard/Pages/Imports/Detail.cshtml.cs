using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Import;

namespace Switchboard.Web.Pages.Imports;

public sealed class DetailModel(Tenant tenant, SwitchboardDb db, ImportProgress progress) : PageModel
{
    public ImportJob Job { get; private set; } = null!;
    public ImportReport Report { get; private set; } = new([], []);
    public int Processed { get; private set; }
    public int Rows { get; private set; }

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
        Report = ImportReport.FromJson(Job.ReportJson);
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
