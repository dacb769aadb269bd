using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Import;

namespace Switchboard.Core.Metrics;

/// <summary>
/// Switchboard's own measurements, on the "Switchboard" meter that /metrics exports in Prometheus
/// text format (README, "Metrics"): imports and undos by outcome, rows by outcome, import duration,
/// provisioning fetches by outcome, and whether each registrar answered its last RPC call. One static
/// meter, so the code that counts needs one line and no service to inject. Labels take only a few
/// fixed values (never a user, a client or an address), so every series stays bounded.
/// </summary>
public static class SwitchboardMetrics
{
    public const string MeterName = "Switchboard";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Imports = Meter.CreateCounter<long>("switchboard.imports", "{import}",
        "Import jobs finished, by outcome (completed, refused: the file was refused whole, failed: an internal error) and dry_run");

    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("switchboard.import.rows", "{row}",
        "Rows of completed imports, by outcome (created, updated, unchanged, failed) and dry_run");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram("switchboard.import.duration", "s",
        "How long finished import jobs ran, from taken to finished, by outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800] });

    private static readonly Counter<long> Undos = Meter.CreateCounter<long>("switchboard.undos", "{undo}",
        "Undos of imports finished, by outcome (completed, refused, failed)");

    private static readonly Counter<long> Fetches = Meter.CreateCounter<long>("switchboard.provisioning.fetches", "{fetch}",
        "Desk phones' provisioning requests, by outcome (served, challenged, not_found, refused, throttled, error)");

    private static readonly ConcurrentDictionary<string, int> Registrars = new();

    static SwitchboardMetrics() =>
        Meter.CreateObservableGauge("switchboard.registrar.up",
            () => Registrars.Select(r => new Measurement<int>(r.Value, new KeyValuePair<string, object?>("registrar", r.Key))),
            unit: null, description: "1 when the registrar answered Switchboard's last RPC call, 0 when it did not (Sip:Registrars)");

    /// <summary>An import or undo job that finished (completed or failed), read back from its row.</summary>
    public static void JobFinished(ImportJob job, TimeSpan ran)
    {
        if (job.Status is not (ImportStatus.Completed or ImportStatus.Failed)) return;
        var outcome = job.Status == ImportStatus.Completed ? "completed"
            : job.Message is ImportJobStatus.InternalError or ImportJobStatus.UndoInternalError ? "failed" : "refused";
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        if (job.Kind == ImportKind.Undo)
        {
            Undos.Add(1, tag);
            return;
        }
        var dry = new KeyValuePair<string, object?>("dry_run", job.DryRun ? "true" : "false");
        Imports.Add(1, tag, dry);
        Duration.Record(ran.TotalSeconds, tag);
        if (job.Status != ImportStatus.Completed) return;
        Row("created", job.Created);
        Row("updated", job.Updated);
        Row("unchanged", job.Unchanged);
        Row("failed", job.Failed);

        void Row(string rowOutcome, int n) =>
            Rows.Add(n, new KeyValuePair<string, object?>("outcome", rowOutcome), dry);
    }

    /// <summary>
    /// A provisioning answer, by the outcome its log line names ("served", "challenged: stale nonce",
    /// "not found", "refused: plain HTTP", "throttled: address", "error"): the part before the colon.
    /// </summary>
    public static void ProvisioningFetch(string outcome) =>
        Fetches.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            "served" => "served",
            "not found" => "not_found",
            _ when outcome.StartsWith("challenged", StringComparison.Ordinal) => "challenged",
            _ when outcome.StartsWith("refused", StringComparison.Ordinal) => "refused",
            _ when outcome.StartsWith("throttled", StringComparison.Ordinal) => "throttled",
            _ => "error",
        }));

    /// <summary>
    /// Awaits an RPC call's HTTP answer and records whether the registrar at <paramref name="url"/> answered:
    /// any HTTP answer counts as reachable, no answer (refused, timed out) as unreachable.
    /// </summary>
    public static async Task<HttpResponseMessage> RegistrarCall(string url, Task<HttpResponseMessage> call)
    {
        try
        {
            var response = await call;
            Registrars[url] = 1;
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Registrars[url] = 0;
            throw;
        }
    }
}
