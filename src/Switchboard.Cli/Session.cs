using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Cli;

/// <summary>What `switchboard login` keeps: the server and a token, never the password.</summary>
public sealed record StoredLogin(string Server, string Token, string? Email, DateTime? ExpiresAt);

[JsonSerializable(typeof(StoredLogin))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class SessionJson : JsonSerializerContext;

/// <summary>
/// The sign-in kept in the user's config directory ($XDG_CONFIG_HOME/switchboard/login.json, by
/// default ~/.config/switchboard/login.json; %APPDATA% on Windows), readable only by that user.
/// SWITCHBOARD_SERVER and SWITCHBOARD_TOKEN override it.
/// </summary>
public static class Session
{
    public const string ServerVariable = "SWITCHBOARD_SERVER";
    public const string TokenVariable = "SWITCHBOARD_TOKEN";

    public static string FilePath
    {
        get
        {
            var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(config))
                throw new CliError(ExitCodes.NotSignedIn, "no config directory to keep the sign-in in (HOME is not set); set SWITCHBOARD_SERVER and SWITCHBOARD_TOKEN instead");
            return Path.Combine(config, "switchboard", "login.json");
        }
    }

    public static void Save(StoredLogin login)
    {
        var path = FilePath;
        var dir = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Written beside and moved over, created 0600 from the start: the token is never readable by others, not even briefly.
        var temp = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, login, SessionJson.Default.StoredLogin);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    public static StoredLogin? Load()
    {
        var path = FilePath;
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SessionJson.Default.StoredLogin);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CliError(ExitCodes.NotSignedIn, $"the sign-in kept in {path} cannot be read ({e.Message}); sign in again with 'switchboard login'");
        }
    }

    /// <summary>
    /// The server and token to use: the environment's first, then the stored sign-in. A stored token
    /// is only ever sent to the server it was issued by.
    /// </summary>
    public static (Uri Server, string Token) Current()
    {
        var envServer = Environment.GetEnvironmentVariable(ServerVariable);
        var envToken = Environment.GetEnvironmentVariable(TokenVariable);
        var stored = string.IsNullOrEmpty(envServer) || string.IsNullOrEmpty(envToken) ? Load() : null;
        var server = !string.IsNullOrEmpty(envServer) ? ParseServer(envServer, ServerVariable) : stored is null ? null : ParseServer(stored.Server, FilePath);
        string? token = envToken;
        if (string.IsNullOrEmpty(token) && stored is not null && server is not null && SameServer(ParseServer(stored.Server, FilePath), server))
            token = stored.Token;
        if (server is null || string.IsNullOrEmpty(token))
        {
            var where = server is null ? "" : $" to {server.ToString().TrimEnd('/')}";
            throw new CliError(ExitCodes.NotSignedIn,
                $"not signed in{where}: run 'switchboard login --server URL --email EMAIL', or set {ServerVariable} and {TokenVariable}");
        }
        return (server, token);
    }

    /// <summary>An absolute http(s) URL, kept without a trailing slash.</summary>
    public static Uri ParseServer(string value, string from)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
            throw new CliError(ExitCodes.Refused, $"the server '{value}' (from {from}) is not an http:// or https:// address, e.g. https://switchboard.example.com");
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    private static bool SameServer(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
