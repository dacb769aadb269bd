using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Switchboard.Tests.Sip;

/// <summary>What SIPp saw: its exit code, the final SIP status it received (0: none), and every message.</summary>
public sealed record SippResult(int ExitCode, int FinalStatus, string Messages);

/// <summary>
/// A phone played by SIPp (Debian's sip-tester): REGISTER with digest, answered by the final status
/// the registrar gave. Each run binds its own free port on <c>from</c>, so runs never collide; a
/// different loopback address (127.0.0.2, ...) is a different source for the registrar's ban.
/// </summary>
public static partial class SipPhone
{
    /// <summary>
    /// REGISTER, the 401 challenge, REGISTER with credentials, then whichever final answer comes
    /// (200 accepted; 401 or 403 refused). Variables: -s (the extension), -au/-ap, -set domain.
    /// </summary>
    public const string RegisterScenario = """
        <?xml version="1.0" encoding="UTF-8"?>
        <scenario name="register with digest">
          <Global variables="domain"/>
          <send retrans="500"><![CDATA[
        REGISTER sip:[$domain] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        Max-Forwards: 70
        From: <sip:[service]@[$domain]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[$domain]>
        Call-ID: [call_id]
        CSeq: 1 REGISTER
        Contact: <sip:[service]@[local_ip]:[local_port]>
        Expires: 300
        User-Agent: SIPp test phone
        Content-Length: 0

        ]]></send>
          <recv response="401" auth="true"/>
          <send retrans="500"><![CDATA[
        REGISTER sip:[$domain] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        Max-Forwards: 70
        From: <sip:[service]@[$domain]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[$domain]>
        Call-ID: [call_id]
        CSeq: 2 REGISTER
        Contact: <sip:[service]@[local_ip]:[local_port]>
        Expires: 300
        User-Agent: SIPp test phone
        [authentication]
        Content-Length: 0

        ]]></send>
          <recv response="200" optional="true" next="done"/>
          <recv response="401" optional="true" next="done"/>
          <recv response="403" next="done"/>
          <label id="done"/>
        </scenario>
        """;

    /// <summary>Registers extension@domain with <paramref name="secret"/>; returns the final status (200 accepted, 0 no answer).</summary>
    public static async Task<int> RegisterAsync(KamailioProcess registrar, string extension, string domain, string secret,
        string from = "127.0.0.1", string? authUser = null)
    {
        var r = await RunAsync(registrar.SipTarget, RegisterScenario, from,
            ["-s", extension, "-au", authUser ?? extension, "-ap", secret, "-set", "domain", domain]);
        return r.FinalStatus;
    }

    /// <summary>Runs one call of <paramref name="scenario"/> against <paramref name="target"/> from a free port of <paramref name="from"/>.</summary>
    public static async Task<SippResult> RunAsync(string target, string scenario, string from, IEnumerable<string> arguments, int timeoutSeconds = 5)
    {
        var dir = Directory.CreateTempSubdirectory("sipp-").FullName;
        try
        {
            var scenarioPath = Path.Combine(dir, "scenario.xml");
            await File.WriteAllTextAsync(scenarioPath, scenario);
            var messages = Path.Combine(dir, "messages.log");
            var start = new ProcessStartInfo("sipp")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = dir,
            };
            foreach (var a in new[] { target, "-sf", scenarioPath, "-m", "1", "-i", from, "-p", KamailioProcess.FreeUdpPort(from).ToString(System.Globalization.CultureInfo.InvariantCulture),
                         "-nostdin", "-timeout", $"{timeoutSeconds}s", "-timeout_error", "-trace_msg", "-message_file", messages })
                start.ArgumentList.Add(a);
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds + 10));
            try
            {
                await p.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"sipp did not end: {await stderr}");
            }
            await Task.WhenAll(stdout, stderr);
            var log = File.Exists(messages) ? await File.ReadAllTextAsync(messages) : "";
            var statuses = StatusLine().Matches(log);
            var final = statuses.Count == 0 ? 0 : int.Parse(statuses[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            // No answer at all ends in SIPp's scenario timeout; anything else without a status is SIPp failing.
            if (p.ExitCode is not (0 or 1) && statuses.Count == 0 && !(await stderr).Contains("timed out", StringComparison.Ordinal))
                throw new InvalidOperationException($"sipp failed ({p.ExitCode}): {await stderr}");
            return new SippResult(p.ExitCode, final, log);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [GeneratedRegex(@"^SIP/2\.0 (\d{3}) ", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
