using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>
/// Ctrl-C while `switchboard users import` waits: exit 130, a line saying how to follow the import,
/// and the import goes on. On a server of its own, killed right after: the import it leaves running
/// hashes hundreds of web passwords and would slow every test after it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class InterruptedWhileWaiting : IAsyncLifetime
{
    private readonly CliServer host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Ctrl_C_while_waiting_exits_130_says_how_to_follow_and_the_import_goes_on()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        // Web passwords are hashed with a deliberately slow hash: this import runs long enough to be interrupted.
        var rows = Enumerable.Range(0, 400).Select(i => new Dictionary<string, string>(CliServer.User(tag, 1000 + i)) { ["Web Passwords"] = $"Slow-Hash-{tag}-{i}" });
        var file = cli.WriteFile("slow.csv", CliServer.UsersCsv(rows));
        using var p = System.Diagnostics.Process.Start(cli.StartInfo("users", "import", file))!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        string? first;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            first = await p.StandardError.ReadLineAsync(timeout.Token); // "import N: queued" once the server has the file
        }
        Assert.NotNull(first);
        stderr.AppendLine(first);
        var id = System.Text.RegularExpressions.Regex.Match(first!, @"^import (\d+):").Groups[1].Value;
        Assert.True(id.Length > 0, $"the first line names the import: {first}");

        CliUser.Interrupt(p);
        stderr.Append(await p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}\n{stderr}\n{await stdout}");
        Assert.Contains($"switchboard imports show {id}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("goes on", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);

        var (_, http) = await host.TokenAsync(host.ClientAdmin);
        using (http)
        {
            var job = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/imports/{id}");
            Assert.True(job!["status"]!.GetValue<string>() is "queued" or "running" or "completed", job.ToJsonString());
        }
    }
}
