using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Tests.Sip;

/// <summary>
/// A registered desk phone waiting for the registrar's NOTIFY: SIPp as a UAS on the address and port
/// the phone registered from (where the registrar sends requests, behind NAT too), answering 200 to a
/// NOTIFY whose Event is check-sync. Anything else, or nothing, fails the scenario.
/// </summary>
public sealed class DeskPhone : IDisposable
{
    private const string Scenario = """
        <?xml version="1.0" encoding="UTF-8"?>
        <scenario name="desk phone waits for NOTIFY check-sync">
          <recv request="NOTIFY">
            <action><ereg regexp="check-sync" search_in="hdr" header="Event:" check_it="true" assign_to="1"/></action>
          </recv>
          <Reference variables="1"/>
          <send><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]></send>
        </scenario>
        """;

    private readonly System.Diagnostics.Process _sipp;
    private readonly string _dir;
    private readonly string _messages;

    private DeskPhone(System.Diagnostics.Process sipp, string dir, string messages) => (_sipp, _dir, _messages) = (sipp, dir, messages);

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (the phone's registered source) until a NOTIFY arrives.</summary>
    public static async Task<DeskPhone> ListenAsync(string address, int port, int timeoutSeconds = 20)
    {
        var dir = Directory.CreateTempSubdirectory("sipp-uas-").FullName;
        var scenario = Path.Combine(dir, "uas.xml");
        await File.WriteAllTextAsync(scenario, Scenario);
        var messages = Path.Combine(dir, "messages.log");
        var start = new ProcessStartInfo("sipp") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var a in new[] { "-sf", scenario, "-i", address, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "1",
                     "-nostdin", "-timeout", $"{timeoutSeconds}s", "-timeout_error", "-trace_msg", "-message_file", messages })
            start.ArgumentList.Add(a);
        var sipp = System.Diagnostics.Process.Start(start)!;
        _ = sipp.StandardOutput.ReadToEndAsync();
        _ = sipp.StandardError.ReadToEndAsync();
        var phone = new DeskPhone(sipp, dir, messages);
        // Listening once the port is taken.
        for (var i = 0; i < 200 && !sipp.HasExited; i++)
        {
            try
            {
                using var probe = new UdpClient(new IPEndPoint(IPAddress.Parse(address), port));
            }
            catch (SocketException)
            {
                return phone;
            }
            await Task.Delay(25);
        }
        phone.Dispose();
        throw new InvalidOperationException($"sipp did not listen on {address}:{port}");
    }

    /// <summary>Waits for SIPp to end: true when it received a NOTIFY check-sync and answered it.</summary>
    public async Task<(bool Notified, string Messages)> WaitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await _sipp.WaitForExitAsync(cts.Token);
        var log = File.Exists(_messages) ? await File.ReadAllTextAsync(_messages) : "";
        return (_sipp.ExitCode == 0, log);
    }

    public void Dispose()
    {
        try
        {
            if (!_sipp.HasExited) _sipp.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _sipp.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
