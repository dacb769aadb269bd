using System.CommandLine;
using System.Text.Json.Nodes;

namespace Switchboard.Cli;

/// <summary>`switchboard imports list|show|undo`.</summary>
public static class ImportsCommands
{
    public static Command Create() => new("imports", "The import history: list, show one, undo one") { List(), Show(), Undo() };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the server's JSON on standard output, and nothing else there" };

    private static Command List()
    {
        var client = new Option<int?>("--client") { Description = "Only this client's imports" };
        var page = new Option<int?>("--page") { Description = "Page number, from 1" };
        var pageSize = new Option<int?>("--page-size") { Description = "Imports per page (default 50, at most 500)" };
        var json = JsonOption();
        var command = new Command("list", "List imports and undos, newest first") { client, page, pageSize, json };
        command.SetAction(async (parse, ct) =>
        {
            using var api = Api.SignedIn();
            var query = new List<string>();
            if (parse.GetValue(client) is { } c) query.Add($"clientId={c}");
            if (parse.GetValue(page) is { } p) query.Add($"page={p}");
            if (parse.GetValue(pageSize) is { } s) query.Add($"pageSize={s}");
            var (list, text) = await api.GetJsonAsync("imports" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(text);
                return ExitCodes.Done;
            }
            var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            Console.Out.WriteLine($"total: {Tables.Str(list["total"])}");
            if (items.Count == 0) return ExitCodes.Done;
            Tables.Write(["Id", "Kind", "Status", "Dry run", "File", "By", "Created (UTC)", "Rows", "Created", "Updated", "Unchanged", "Reverted", "Failed"],
                items.Select(i => new[]
                {
                    Tables.Str(i["id"]), Tables.Str(i["kind"]) + (i["undoneBy"] is JsonValue u ? $" (undone by {u})" : i["undoes"] is JsonValue o ? $" of {o}" : ""),
                    Tables.Str(i["status"]), i["dryRun"]?.GetValue<bool>() == true ? "yes" : "", Tables.Str(i["fileName"]), Tables.Str(i["runBy"]),
                    Time(i["createdAt"]), Tables.Str(i["rows"]), Tables.Str(i["created"]), Tables.Str(i["updated"]), Tables.Str(i["unchanged"]),
                    Tables.Str(i["reverted"]), Tables.Str(i["failed"]),
                }));
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<int>("ID") { Description = "The import's (or undo's) id" };
        var failedRows = new Option<string>("--failed-rows") { Description = "Save the rows that failed (with an Error column) to this file" };
        var json = JsonOption();
        var command = new Command("show", "Show one import or undo: its status, totals, warnings and Error Log") { id, failedRows, json };
        command.SetAction(async (parse, ct) =>
        {
            using var api = Api.SignedIn();
            var number = parse.GetValue(id);
            var (job, text) = await api.GetJsonAsync($"imports/{number}", ct);
            if (!parse.GetValue(json))
            {
                Console.Out.WriteLine($"id: {number}");
                Console.Out.WriteLine($"kind: {Tables.Str(job["kind"])}");
                if (job["undoes"] is JsonValue undoes) Console.Out.WriteLine($"undoes: {undoes}");
                if (job["undoneBy"] is JsonValue undoneBy) Console.Out.WriteLine($"undone by: {undoneBy}");
                Console.Out.WriteLine($"status: {Tables.Str(job["status"])}");
                Console.Out.WriteLine($"dry run: {(job["dryRun"]?.GetValue<bool>() == true ? "yes" : "no")}");
                Console.Out.WriteLine($"file: {Tables.Str(job["fileName"])}");
                Console.Out.WriteLine($"by: {Tables.Str(job["runBy"])}");
                Console.Out.WriteLine($"created at: {Time(job["createdAt"])}");
                if (job["finishedAt"] is JsonValue) Console.Out.WriteLine($"finished at: {Time(job["finishedAt"])}");
                Console.Out.WriteLine($"rows: {Tables.Str(job["rows"])}");
                Console.Out.WriteLine($"processed: {Tables.Str(job["processed"])}");
            }
            if (parse.GetValue(failedRows) is { } path) await Jobs.SaveFailedRowsAsync(api, number, path, ct);
            Jobs.Report(job, text, parse.GetValue(json), showing: true);
            // Showing is done whatever the job's outcome ("other commands done": 0); the wait of import and undo tells outcomes.
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Undo()
    {
        var id = new Argument<int>("ID") { Description = "The completed import to undo" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the server has accepted the undo (exit 0), without waiting for it" };
        var json = JsonOption();
        var command = new Command("undo", "Undo a completed import: delete the users it created, give back what it changed") { id, noWait, json };
        command.SetAction(async (parse, ct) =>
        {
            using var api = Api.SignedIn();
            var (accepted, text) = await api.PostJsonAsync($"imports/{parse.GetValue(id)}/undo", null, ct);
            return await Jobs.AcceptedAsync(api, accepted, text, wait: !parse.GetValue(noWait), parse.GetValue(json), failedRows: null, ct);
        });
        return command;
    }

    private static string? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<DateTime>(out var t) ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : null;
}
