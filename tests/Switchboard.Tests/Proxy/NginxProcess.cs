using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Proxy;

/// <summary>
/// Debian's nginx (/usr/sbin/nginx) running the shipped deploy/nginx/switchboard.conf, as it is but
/// for its ports, certificate paths, upstream port and body limit, in front of a server on loopback.
/// It runs in the foreground under a temporary prefix with a throwaway self-signed certificate made
/// here, as an unprivileged user (nobody, when the tests run as root). Dispose stops it and deletes the folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Debian's nginx, run as nobody
public sealed class NginxProcess : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private const int Nobody = 65534;

    private System.Diagnostics.Process? _process;

    private NginxProcess(string folder, X509Certificate2 certificate) => (Folder, Certificate) = (folder, certificate);

    public string Folder { get; }

    public X509Certificate2 Certificate { get; }

    public int HttpsPort { get; private init; }

    public int HttpPort { get; private init; }

    /// <summary>The portal, API and provisioning over TLS, by the name in the certificate.</summary>
    public Uri Https => new($"https://localhost:{HttpsPort}");

    /// <summary>The plain-HTTP server (redirects, and provisioning passed through).</summary>
    public Uri Http => new($"http://localhost:{HttpPort}");

    public static string ShippedConfig => Path.Combine(ServerProcess.RepoRoot, "deploy", "nginx", "switchboard.conf");

    /// <summary>
    /// The shipped configuration with this machine's ports and paths in place of the production ones.
    /// Each replaced text must appear in the file exactly once: when the file changes shape, this says
    /// so instead of testing something else.
    /// </summary>
    public static string Adapt(string conf, int upstreamPort, int httpPort, int httpsPort, string certFile, string keyFile, string maxBody)
    {
        conf = conf.Replace("\r\n", "\n");
        conf = Once(conf, "server 127.0.0.1:5080;", $"server 127.0.0.1:{upstreamPort};");
        conf = Once(conf, "    listen 80;\n", $"    listen 127.0.0.1:{httpPort};\n");
        conf = Once(conf, "    listen [::]:80;\n", "");
        conf = Once(conf, "    listen 443 ssl http2;\n", $"    listen 127.0.0.1:{httpsPort} ssl http2;\n");
        conf = Once(conf, "    listen [::]:443 ssl http2;\n", "");
        conf = Once(conf, "/etc/ssl/switchboard/fullchain.pem", certFile);
        conf = Once(conf, "/etc/ssl/switchboard/privkey.pem", keyFile);
        conf = Once(conf, "client_max_body_size 257m;", $"client_max_body_size {maxBody};");
        return conf;
    }

    private static string Once(string conf, string text, string replacement)
    {
        var at = conf.IndexOf(text, StringComparison.Ordinal);
        if (at < 0 || conf.IndexOf(text, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"deploy/nginx/switchboard.conf should hold \"{text.Trim()}\" exactly once; update NginxProcess.Adapt with the file");
        return conf[..at] + replacement + conf[(at + text.Length)..];
    }

    /// <summary>Starts nginx in front of the server at <paramref name="upstream"/>; waits until it accepts connections.</summary>
    public static async Task<NginxProcess> StartAsync(Uri upstream, string maxBody)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"switchboard-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var certificate = SelfSigned(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        var nginx = new NginxProcess(folder, certificate) { HttpsPort = FreePort(), HttpPort = FreePort() };
        try
        {
            await nginx.LaunchAsync(upstream, maxBody);
            return nginx;
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }

    private async Task LaunchAsync(Uri upstream, string maxBody)
    {
        var site = Adapt(await File.ReadAllTextAsync(ShippedConfig), upstream.Port, HttpPort, HttpsPort,
            Path.Combine(Folder, "cert.pem"), Path.Combine(Folder, "key.pem"), maxBody);
        await File.WriteAllTextAsync(Path.Combine(Folder, "switchboard.conf"), site);
        // What Debian's /etc/nginx/nginx.conf gives the site, with every path under the folder.
        await File.WriteAllTextAsync(Path.Combine(Folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{Folder}}/nginx.pid;
            error_log {{Folder}}/error.log info;
            events { worker_connections 128; }
            http {
                default_type application/octet-stream;
                access_log {{Folder}}/access.log;
                client_body_temp_path {{Folder}}/body;
                proxy_temp_path {{Folder}}/proxy;
                fastcgi_temp_path {{Folder}}/fastcgi;
                uwsgi_temp_path {{Folder}}/uwsgi;
                scgi_temp_path {{Folder}}/scgi;
                include {{Folder}}/switchboard.conf;
            }
            """);

        var args = new List<string> { Binary, "-p", Folder + "/", "-c", Path.Combine(Folder, "nginx.conf"), "-e", Path.Combine(Folder, "error.log") };
        if (Environment.UserName == "root")
        {
            // Not as root: the folder becomes nobody's, and nginx starts as nobody.
            Run("chown", "-R", $"{Nobody}:{Nobody}", Folder);
            args.InsertRange(0, ["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups"]);
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var psi = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
        var p = System.Diagnostics.Process.Start(psi)!;
        _process = p;
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited) throw new InvalidOperationException($"nginx exited with {p.ExitCode}:\n{output}\n{ErrorLog()}");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nginx did not listen on {HttpsPort} within 60 seconds:\n{output}\n{ErrorLog()}");
    }

    public string ErrorLog()
    {
        var path = Path.Combine(Folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error.log)";
    }

    /// <summary>
    /// An HTTPS (or HTTP) client that trusts only this nginx's certificate and connects from the loopback
    /// address <paramref name="from"/> (127.0.0.2, …), so nginx sees a client other than itself.
    /// </summary>
    public HttpClient Client(IPAddress from, bool https = true, CookieContainer? cookies = null)
    {
        var thumbprint = Certificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && new X509Certificate2(cert).Thumbprint == thumbprint,
            },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = https ? Https : Http, Timeout = TimeSpan.FromMinutes(2) };
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        _process?.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, written as PEM (certificate, PKCS#8 key).</summary>
    private static X509Certificate2 SelfSigned(string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
