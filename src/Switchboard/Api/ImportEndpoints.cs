using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Undo;

namespace Switchboard.Web.Api;

public static class ImportEndpoints
{
    public sealed record ImportDto(
        int Id, int ClientId, string Status, bool DryRun, string FileName, string RunBy, DateTime CreatedAt,
        DateTime? StartedAt, DateTime? FinishedAt, int Rows, int Processed, int Created, int Updated, int Unchanged,
        int Failed, int WarningCount, string? Message, bool Refused, IReadOnlyList<ReportError>? Errors, IReadOnlyList<ReportWarning>? Warnings,
        string Kind, int? Undoes, int? UndoneBy, int Reverted, IReadOnlyList<ReportSoftphone>? Softphones);

    public static void Map(RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Imports");
        api.MapPost("/users/import", Upload).DisableAntiforgery().WithMetadata(new Hosting.ImportUploadAttribute())
            .AcceptsMultipartFile("file", "users.csv (or the same table as .xlsx or .ods).");
        api.MapGet("/imports", List);
        api.MapGet("/imports/{id:int}", Get);
        api.MapPost("/imports/{id:int}/undo", Undo);
        api.MapGet("/imports/{id:int}/failed-rows.csv", FailedRows)
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
    }

    private static async Task<Results<Accepted<ImportDto>, ForbiddenProblem, UploadRefusedProblem>> Upload(HttpRequest request, Tenant t,
        StartImport start, IOptions<CsvLimits> limits, bool? dryRun, CancellationToken ct)
    {
        if (StartImport.Refusal(t.Caller) is { } refusal) return Problems.Forbidden(refusal);
        var upload = await UploadedFile.ReadAsync(request, limits.Value, ct);
        if (upload.Refusal is not null) return new UploadRefusedProblem(upload.Refusal);
        var job = await start.RunAsync(t.Caller, upload.FileName, upload.Bytes!, dryRun == true, ct);
        return TypedResults.Accepted($"/api/v1/imports/{job.Id}", Dto(job, null, includeReport: false));
    }

    /// <summary>Queues the undo of a completed import: 202 with the Location of the undo job (kind "undo").</summary>
    private static async Task<Results<Accepted<ImportDto>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Undo(int id, Tenant t,
        StartUndo start, CancellationToken ct)
    {
        var (job, refusal) = await start.RunAsync(t, id, ct);
        return refusal switch
        {
            null => TypedResults.Accepted($"/api/v1/imports/{job!.Id}", Dto(job, null, includeReport: false)),
            { Kind: UndoRefusal.Kinds.Forbidden } => Problems.Forbidden(refusal.Message),
            { Kind: UndoRefusal.Kinds.NotFound } => Problems.NotFound(refusal.Message),
            _ => Problems.Conflict(refusal.Message),
        };
    }

    private static Results<Ok<PageOf<ImportDto>>, ForbiddenProblem> List(Tenant t, ImportProgress progress, int? clientId, int? page, int? pageSize)
    {
        if (!t.Caller.CanSeeImports) return Problems.Forbidden("PBX users do not see imports.");
        var q = t.Imports.AsNoTracking().Where(j => clientId == null || j.ClientId == clientId).OrderByDescending(j => j.Id);
        var result = Paging.Of(q, page, pageSize);
        return TypedResults.Ok(new PageOf<ImportDto>(result.Items.Select(j => Dto(j, progress, includeReport: false)).ToList(), result.Total));
    }

    private static Results<Ok<ImportDto>, NotFoundProblem> Get(int id, Tenant t, ImportProgress progress)
    {
        var job = t.Caller.CanSeeImports ? t.Imports.AsNoTracking().FirstOrDefault(j => j.Id == id) : null;
        return job is null ? Problems.NotFound($"Import {id}") : TypedResults.Ok(Dto(job, progress, includeReport: true));
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem, ConflictProblem>> FailedRows(int id, Tenant t, SwitchboardDb db, CancellationToken ct)
    {
        var job = t.Caller.CanSeeImports ? await t.Imports.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) : null;
        if (job is null) return Problems.NotFound($"Import {id}");
        var csv = await db.ImportFiles.Where(f => f.ImportJobId == id).Select(f => f.FailedRowsCsv).FirstOrDefaultAsync(ct);
        if (csv is null)
        {
            if (job.Status is ImportStatus.Queued or ImportStatus.Running) return Problems.Conflict("The import has not finished yet.");
            csv = System.Text.Encoding.UTF8.GetPreamble().Concat("Error\r\n"u8.ToArray()).ToArray();
        }
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"failed-rows-{id}.csv");
    }

    /// <summary>
    /// A failed job whose file (or undo) was refused as a whole, as opposed to one the server could not
    /// finish: only <see cref="ImportJobStatus.FailAsync"/> writes the internal-error messages.
    /// </summary>
    private static bool Refused(ImportJob j) =>
        j.Status == ImportStatus.Failed && j.Message is not (ImportJobStatus.InternalError or ImportJobStatus.UndoInternalError);

    private static ImportDto Dto(ImportJob j, ImportProgress? progress, bool includeReport)
    {
        var report = includeReport ? ImportReport.FromJson(j.ReportJson) : null;
        var processed = progress?.Processed(j) ?? j.Processed;
        return new ImportDto(j.Id, j.ClientId, j.Status, j.DryRun, j.FileName, j.RunBy, j.CreatedAt, j.StartedAt, j.FinishedAt,
            j.Rows, processed, j.Created, j.Updated, j.Unchanged, j.Failed, j.Warnings, j.Message, Refused(j), report?.Errors, report?.Warnings,
            j.Kind, j.Undoes, j.UndoneBy, j.Reverted, report is null ? null : report.Softphones ?? []);
    }
}
