using System.CommandLine;
using System.Net.Http.Headers;

namespace Switchboard.Cli;

/// <summary>`switchboard users export` and `switchboard users import`.</summary>
public static class UsersCommands
{
    public static Command Create() => new("users", "Export and import users.csv") { Export(), Import() };

    private static Command Export()
    {
        var client = new Option<int?>("--client") { Description = "The client whose users to export (resellers; default: all their clients)" };
        var secrets = new Option<bool>("--include-secrets") { Description = "Include phone secrets and voicemail PINs (the file is then readable only by you)" };
        var output = new Option<string>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write the users as users.csv (to standard output unless -o)") { client, secrets, output };
        command.SetAction(async (parse, ct) =>
        {
            using var api = Api.SignedIn();
            var query = new List<string>();
            if (parse.GetValue(client) is { } c) query.Add($"clientId={c}");
            if (parse.GetValue(secrets)) query.Add("includeSecrets=true");
            var path = "users/export" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            using var response = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
            if (parse.GetValue(output) is { } file)
            {
                await Files.WriteAtomicallyAsync(file, parse.GetValue(secrets), s => api.CopyBodyAsync(response, s, ct));
                Console.Error.WriteLine($"users exported to {file}");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await api.CopyBodyAsync(response, stdout, ct);
            }
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "users.csv (or the same table as .xlsx or .ods)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate only: report what would change, change nothing" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the server has accepted the file (exit 0), without waiting for the import" };
        var failedRows = new Option<string>("--failed-rows") { Description = "Save the rows that failed (with an Error column) to this file" };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON for the import on standard output, and nothing else there" };
        var command = new Command("import", "Upload a users file, show progress, then the totals and the Error Log")
        {
            file, dryRun, noWait, failedRows, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliError(ExitCodes.Refused, $"{path}: no such file");
            if (parse.GetValue(noWait) && parse.GetValue(failedRows) is not null)
                throw new CliError(ExitCodes.Refused, "--failed-rows needs the import to finish: leave out --no-wait (or use 'switchboard imports show ID --failed-rows FILE' later)");
            using var api = Api.SignedIn();
            await using var stream = File.OpenRead(path);
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(path));
            using var form = new MultipartFormDataContent { { content, "file", Path.GetFileName(path) } };
            var (accepted, text) = await api.PostJsonAsync("users/import" + (parse.GetValue(dryRun) ? "?dryRun=true" : ""), form, ct);
            return await Jobs.AcceptedAsync(api, accepted, text, wait: !parse.GetValue(noWait), parse.GetValue(json), parse.GetValue(failedRows), ct);
        });
        return command;
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "text/csv",
    };
}
