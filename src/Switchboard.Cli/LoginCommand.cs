using System.CommandLine;
using System.Net.Http.Json;
using System.Text;

namespace Switchboard.Cli;

/// <summary>`switchboard login`: exchanges email and password for an API token and keeps the token, never the password.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = $"The server's address, e.g. https://switchboard.example.com (default: ${Session.ServerVariable})" };
        var email = new Option<string>("--email") { Description = "The account's email", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts) instead of asking for it" };
        var command = new Command("login", "Sign in and keep the server and an API token in your config directory (readable only by you)")
        {
            server, email, passwordStdin,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(server), parse.GetValue(email)!, parse.GetValue(passwordStdin), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? serverValue, string email, bool fromStdin, CancellationToken ct)
    {
        var from = serverValue is null ? Session.ServerVariable : "--server";
        serverValue ??= Environment.GetEnvironmentVariable(Session.ServerVariable);
        if (string.IsNullOrWhiteSpace(serverValue))
            throw new CliError(ExitCodes.Refused, $"say which server to sign in to: --server URL (or set {Session.ServerVariable})");
        var server = Session.ParseServer(serverValue, from);
        var password = fromStdin ? await ReadStdinAsync(ct) : await PromptAsync($"Password for {email}: ", ct);
        if (password.Length == 0) throw new CliError(ExitCodes.Refused, "the password is empty");

        using var api = new Api(server, token: null);
        var (json, _) = await api.PostJsonAsync("auth/token", JsonContent.Create(new Dictionary<string, string> { ["email"] = email, ["password"] = password }), ct);
        var token = json["token"]?.GetValue<string>() ?? throw new CliError(ExitCodes.ServerFailed, $"{api.Display} answered without a token");
        DateTime? expires = json["expiresAt"] is { } e ? e.GetValue<DateTime>() : null;
        Session.Save(new StoredLogin(api.Display, token, email, expires));
        var until = expires is { } x ? $", token valid until {x.ToUniversalTime():yyyy-MM-dd HH:mm} UTC" : "";
        Console.Out.WriteLine($"signed in to {api.Display} as {email}{until}");
        Console.Error.WriteLine($"kept in {Session.FilePath}");
        return ExitCodes.Done;
    }

    /// <summary>The whole of standard input, less the line ending a pipe or here-string adds.</summary>
    private static async Task<string> ReadStdinAsync(CancellationToken ct)
    {
        var text = await Console.In.ReadToEndAsync(ct);
        return text.TrimEnd('\r', '\n');
    }

    /// <summary>Reads the password on the terminal without echoing it.</summary>
    private static async Task<string> PromptAsync(string prompt, CancellationToken ct)
    {
        if (Console.IsInputRedirected)
            throw new CliError(ExitCodes.Refused, "no terminal to ask for the password on: pass it on standard input with --password-stdin");
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            // Polled, so Ctrl-C (which cancels ct) ends the prompt instead of leaving ReadKey blocked.
            while (!Console.KeyAvailable) await Task.Delay(30, ct);
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0) password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
