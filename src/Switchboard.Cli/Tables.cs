using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Switchboard.Cli;

/// <summary>Tables on stdout, after the plain lines a script reads; server text is never taken as markup.</summary>
public static class Tables
{
    private static IAnsiConsole? _stdout;

    private static IAnsiConsole Stdout
    {
        get
        {
            if (_stdout is not null) return _stdout;
            _stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            // Redirected to a file or pipe: wide enough that an Error Log message stays on one line.
            if (Console.IsOutputRedirected) _stdout.Profile.Width = 240;
            return _stdout;
        }
    }

    public static void Write(IEnumerable<string> headers, IEnumerable<IEnumerable<string?>> rows, string? title = null)
    {
        var table = new Table();
        if (Console.IsOutputRedirected) table.Border(TableBorder.Ascii);
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var h in headers) table.AddColumn(new TableColumn(new Text(h)));
        foreach (var row in rows) table.AddRow(row.Select(c => (IRenderable)new Text(c ?? "")).ToArray());
        Stdout.Write(table);
    }

    public static void ErrorLog(JsonObject job)
    {
        if (job["errors"] is not JsonArray errors || errors.Count == 0) return;
        var rows = new List<string?[]>();
        foreach (var e in errors.OfType<JsonObject>())
        {
            var causes = e["causes"] as JsonArray ?? [];
            foreach (var c in causes.OfType<JsonObject>())
                rows.Add([Str(e["row"]), Str(e["email"]) ?? Str(e["name"]), Str(c["column"]), Str(c["value"]), Str(c["message"])]);
            if (causes.Count == 0) rows.Add([Str(e["row"]), Str(e["email"]) ?? Str(e["name"]), null, null, null]);
        }
        Console.Out.WriteLine();
        Write(["Row", "User", "Column", "Value", "Message"], rows, "Error Log");
    }

    public static void Warnings(JsonObject job)
    {
        if (job["warnings"] is not JsonArray warnings || warnings.Count == 0) return;
        Console.Out.WriteLine();
        Write(["Row", "Warning"], warnings.OfType<JsonObject>().Select(w => new[] { Str(w["row"]), Str(w["message"]) }), "Warnings");
    }

    public static string? Str(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
