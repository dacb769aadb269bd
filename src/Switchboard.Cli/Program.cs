using System.Runtime.InteropServices;
using Switchboard.Cli;

// Ctrl-C cancels what the command waits for (an import goes on on the server), so the command can
// say how to follow it and exit with 130; a second Ctrl-C ends the process at once.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
{
    if (interrupt.IsCancellationRequested) return;
    ctx.Cancel = true;
    interrupt.Cancel();
});
return await Cli.RunAsync(args, interrupt.Token);
