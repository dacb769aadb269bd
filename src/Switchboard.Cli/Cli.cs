using System.CommandLine;

namespace Switchboard.Cli;

/// <summary>Parses the command line, runs the command, and turns every way it can end into an exit code and one line.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, CancellationToken interrupted)
    {
        var root = new RootCommand("Switchboard from the command line: sign in, export and import users.csv, follow and undo imports.")
        {
            LoginCommand.Create(),
            UsersCommands.Create(),
            ImportsCommands.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run 'switchboard --help' (or 'switchboard COMMAND --help') to see the commands and their options.");
            return ExitCodes.Refused;
        }
        try
        {
            // Our own handlers: exit codes of the table, one line per problem, Ctrl-C handled in Program.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, interrupted);
        }
        catch (CliError e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.Code;
        }
        catch (Interrupted e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception e)
        {
            // Never a stack trace: one line saying what went wrong.
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.ServerFailed;
        }
    }
}
