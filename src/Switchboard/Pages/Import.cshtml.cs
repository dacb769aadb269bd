using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Switchboard.Core.Csv;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Import;

namespace Switchboard.Web.Pages;

[Hosting.ImportUpload]
public sealed class ImportModel(Caller caller, StartImport start, IOptions<CsvLimits> limits, Tenant tenant) : PageModel
{
    public string? Refusal => StartImport.Refusal(caller);
    public string? Error { get; private set; }

    /// <summary>The client's import still queued or running, if any: leaving the page never loses it.</summary>
    public Switchboard.Core.Data.ImportJob? Running { get; private set; }

    public void OnGet() =>
        Running = tenant.Imports.Where(j => j.Status == Switchboard.Core.Data.ImportStatus.Queued || j.Status == Switchboard.Core.Data.ImportStatus.Running)
            .OrderByDescending(j => j.Id).FirstOrDefault();

    /// <summary>The empty template: the header row only, as the export writes it.</summary>
    public IActionResult OnGetTemplate() =>
        File(Switchboard.Core.Users.Export.UsersCsvTemplate.Write(), "text/csv; charset=utf-8", "users.csv");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? mode, CancellationToken ct)
    {
        if (Refusal is not null) return Page();
        if (file is null || file.Length == 0) { Error = "Select a CSV file first."; return Page(); }
        if (file.Length > limits.Value.MaxFileBytes) { Error = SpreadsheetFileReader.TooLarge(limits.Value); return Page(); }
        var bytes = new byte[file.Length];
        await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes, ct);
        var rows = new Switchboard.Core.Users.Import.UploadRowCounter(limits.Value.MaxRows);
        if (!rows.Feed(bytes) || !rows.Complete()) { Error = Switchboard.Core.Users.Import.UploadRowCounter.TooManyRows(limits.Value); return Page(); }
        var job = await start.RunAsync(caller, Api.UploadedFile.NameOf(file.FileName), bytes, dryRun: mode != "import", ct);
        return Redirect($"/imports/{job.Id}");
    }
}
