using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchboard.Cli;

/// <summary>Import and undo jobs: waiting for one with progress on stderr, then its totals, Error Log and exit code.</summary>
public static class Jobs
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    /// <summary>How often a line of progress is written when stderr is not a terminal (logs, CI).</summary>
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5);

    public static int Id(JsonObject job) => job["id"]!.GetValue<int>();

    private static string Kind(JsonObject job) => job["kind"]?.GetValue<string>() ?? "import";

    private static int Count(JsonObject job, string name) => job[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    private static string Follow(int id) => $"switchboard imports show {id}";

    /// <summary>After a job is accepted: waits for it (unless told not to) and reports it; answers the exit code.</summary>
    public static async Task<int> AcceptedAsync(Api api, JsonObject accepted, string acceptedText, bool wait, bool json, string? failedRows, CancellationToken ct)
    {
        var id = Id(accepted);
        if (!wait)
        {
            if (json) Console.Out.WriteLine(acceptedText);
            else
            {
                Console.Out.WriteLine($"id: {id}");
                Console.Out.WriteLine($"status: {accepted["status"]?.GetValue<string>()}");
            }
            Console.Error.WriteLine($"{Kind(accepted)} {id} accepted; follow it with: {Follow(id)}");
            return ExitCodes.Done;
        }
        JsonObject job;
        string text;
        try
        {
            (job, text) = await WaitAsync(api, accepted, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw new Interrupted($"interrupted: {Kind(accepted)} {id} goes on on the server; follow it with: {Follow(id)}");
        }
        catch (CliError e) when (e.Code == ExitCodes.ServerFailed)
        {
            throw new CliError(e.Code, $"{e.Message}; {Kind(accepted)} {id} may go on on the server: follow it with {Follow(id)}");
        }
        if (failedRows is not null && job["status"]?.GetValue<string>() == "completed") await SaveFailedRowsAsync(api, id, failedRows, ct);
        return Report(job, text, json);
    }

    /// <summary>Polls the job until it is completed or failed, showing progress on stderr.</summary>
    private static async Task<(JsonObject, string)> WaitAsync(Api api, JsonObject accepted, CancellationToken ct)
    {
        var id = Id(accepted);
        var label = $"{Kind(accepted)} {id}";
        if (!Console.IsErrorRedirected)
        {
            var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            (JsonObject, string) last = default;
            await stderr.Progress().AutoClear(true).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var bar = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                    bar.IsIndeterminate = true;
                    while (true)
                    {
                        last = await api.GetJsonAsync($"imports/{id}", ct);
                        var (job, _) = last;
                        var rows = Count(job, "rows");
                        if (rows > 0)
                        {
                            bar.IsIndeterminate = false;
                            bar.MaxValue = rows;
                            bar.Value = Count(job, "processed");
                        }
                        bar.Description = Markup.Escape($"{label} {job["status"]?.GetValue<string>()}");
                        if (Finished(job))
                        {
                            if (rows > 0) bar.Value = rows;
                            bar.StopTask();
                            return;
                        }
                        await Task.Delay(Poll, ct);
                    }
                });
            return last;
        }
        var nextLine = DateTime.MinValue;
        while (true)
        {
            var (job, text) = await api.GetJsonAsync($"imports/{id}", ct);
            if (Finished(job)) return (job, text);
            if (DateTime.UtcNow >= nextLine)
            {
                var rows = Count(job, "rows");
                var of = rows > 0 ? $", {Count(job, "processed")} of {rows} rows" : "";
                Console.Error.WriteLine($"{label}: {job["status"]?.GetValue<string>()}{of}");
                nextLine = DateTime.UtcNow + LineEvery;
            }
            await Task.Delay(Poll, ct);
        }
    }

    private static bool Finished(JsonObject job) => job["status"]?.GetValue<string>() is "completed" or "failed";

    public static async Task SaveFailedRowsAsync(Api api, int id, string path, CancellationToken ct)
    {
        using var response = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"imports/{id}/failed-rows.csv"), ct);
        await Files.WriteAtomicallyAsync(path, secret: false, s => api.CopyBodyAsync(response, s, ct));
        Console.Error.WriteLine($"failed rows saved to {path}");
    }

    /// <summary>
    /// A finished job: the JSON alone with --json, else the totals one per line, then warnings and the
    /// Error Log as tables. The exit code: 0, 1 with failed rows, 2 refused whole, 4 failed for a server reason.
    /// </summary>
    public static int Report(JsonObject job, string text, bool json, bool showing = false)
    {
        var status = job["status"]?.GetValue<string>();
        var undo = Kind(job) == "undo";
        if (json)
        {
            Console.Out.WriteLine(text);
        }
        else
        {
            if (undo)
            {
                Console.Out.WriteLine($"reverted: {Count(job, "reverted")}");
            }
            else
            {
                Console.Out.WriteLine($"created: {Count(job, "created")}");
                Console.Out.WriteLine($"updated: {Count(job, "updated")}");
                Console.Out.WriteLine($"unchanged: {Count(job, "unchanged")}");
            }
            Console.Out.WriteLine($"failed: {Count(job, "failed")}");
            Tables.Warnings(job);
            Tables.ErrorLog(job);
        }
        if (!showing && job["dryRun"]?.GetValue<bool>() == true && status == "completed")
            Console.Error.WriteLine("dry run: nothing was changed");
        if (status == "failed")
        {
            var refused = job["refused"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
            var message = Api.OneLine(job["message"]?.GetValue<string>() ?? $"the {Kind(job)} failed");
            if (showing) { if (!json) Console.Out.WriteLine($"message: {message}"); }
            else Console.Error.WriteLine($"error: {message}");
            return refused ? ExitCodes.Refused : ExitCodes.ServerFailed;
        }
        if (status != "completed") return ExitCodes.Done; // still queued or running (imports show)
        return Count(job, "failed") > 0 ? ExitCodes.FailedRows : ExitCodes.Done;
    }
}

/// <summary>Ctrl-C while waiting: the job goes on; the message says how to follow it.</summary>
public sealed class Interrupted(string message) : Exception(message);
