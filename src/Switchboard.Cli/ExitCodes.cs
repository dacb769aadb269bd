namespace Switchboard.Cli;

/// <summary>The exit codes of the command line (docs/product.md, "The command-line client").</summary>
public static class ExitCodes
{
    public const int Done = 0;
    /// <summary>An import, dry run or undo finished with failed rows.</summary>
    public const int FailedRows = 1;
    /// <summary>Refused: a file refused whole, a 400/403/404/409/413 answer, or a wrong command line.</summary>
    public const int Refused = 2;
    /// <summary>Not signed in, or the token was refused (401).</summary>
    public const int NotSignedIn = 3;
    /// <summary>The server could not be reached, answered 5xx, or a job failed for a server reason.</summary>
    public const int ServerFailed = 4;
    /// <summary>Ctrl-C while waiting (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

/// <summary>A problem the command reports as one line on stderr, ending it with <see cref="Code"/>.</summary>
public sealed class CliError(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
