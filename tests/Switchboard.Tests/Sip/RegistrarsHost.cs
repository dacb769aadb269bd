using System.Net;
using System.Net.Sockets;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sip;

/// <summary>
/// A real Kamailio (the shipped configuration) on a test database, and two Switchboard servers on that
/// database: <see cref="App"/> reads it through <c>Sip:Registrars</c>; <see cref="Unanswered"/> also
/// names two registrars that never answer (a closed port, and a listener that accepts and stays silent).
/// The servers start after Kamailio, so their configuration can name its JSON-RPC URL.
/// </summary>
public sealed class RegistrarsHost : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.Create();
    public KamailioProcess Registrar { get; private set; } = null!;
    public SwitchboardApp App { get; private set; } = null!;
    public SwitchboardApp Unanswered { get; private set; } = null!;
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        using (var migrate = SwitchboardApp.On(Database)) await migrate.AdminAsync();
        Registrar = await KamailioProcess.StartAsync(RegistrarHost.DbUrl(Database));
        App = SwitchboardApp.On(Database);
        App.ExtraSettings["Sip:Registrars:0"] = Registrar.RpcUrl;
        // Read afresh on every request, so each test sees its own registrations at once.
        App.ExtraSettings["Sip:RegistrationsCacheSeconds"] = "0";
        await App.AdminAsync();

        _silent.Start(); // accepts connections (the kernel's backlog) and never answers
        // Two servers on one SQLite file: only App runs imports (see RunsImports).
        Unanswered = SwitchboardApp.On(Database);
        Unanswered.RunsImports = false;
        Unanswered.ExtraSettings["Sip:Registrars:0"] = Registrar.RpcUrl;
        Unanswered.ExtraSettings["Sip:Registrars:1"] = $"http://127.0.0.1:{KamailioProcess.FreeTcpPort()}/RPC";
        Unanswered.ExtraSettings["Sip:Registrars:2"] = $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/RPC";
        Unanswered.ExtraSettings["Sip:RegistrationsCacheSeconds"] = "0";
        await Unanswered.AdminAsync();
    }

    public Task DisposeAsync()
    {
        Unanswered?.Dispose();
        App?.Dispose();
        _silent.Stop();
        Registrar?.Dispose();
        Database.Dispose();
        return Task.CompletedTask;
    }
}
