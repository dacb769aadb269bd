using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Hostile;

/// <summary>
/// One real Release server (a child process on its own SQLite file) for the whole corpus, and a
/// fresh client for each file: its administrator signed in to the API (token) and to the pages (cookie).
/// </summary>
public sealed partial class HostileServer : IAsyncLifetime
{
    public const string Password = SwitchboardApp.AdminPass;

    public ServerProcess Process { get; } = new();
    private HttpClient _admin = null!;
    private int _reseller;
    private int _clients;

    public async Task InitializeAsync()
    {
        await Process.StartAsync();
        _admin = await Process.AdminAsync();
        _reseller = (await _admin.PostJson("/api/v1/resellers", new { name = "Hostile reseller" }))["id"]!.GetValue<int>();
    }

    public Task DisposeAsync()
    {
        Process.Dispose();
        return Task.CompletedTask;
    }

    public sealed record Client(int Id, string AdminEmail, HttpClient Api, HttpClient Pages);

    public async Task<Client> NewClientAsync()
    {
        var n = Interlocked.Increment(ref _clients);
        var id = (await _admin.PostJson("/api/v1/clients", new { name = $"Hostile client {n}", resellerId = _reseller }))["id"]!.GetValue<int>();
        var email = $"hostile-admin-{n}@admins.test";
        await _admin.PostJson("/api/v1/accounts", new { email, password = Password, role = "client", clientId = id });
        return new Client(id, email, await Process.SignInAsync(email, Password), await PagesAsync(email));
    }

    /// <summary>Signs in through the login form, as a browser does (antiforgery token and cookie).</summary>
    private async Task<HttpClient> PagesAsync(string email)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = Process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var form = await http.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var r = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"page sign-in of {email}: {(int)r.StatusCode}");
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Users and user sign-ins of the client, read from the SQLite file itself (a reader beside the running server).</summary>
    public (long Users, long SignIns) Stored(int clientId)
    {
        using var db = new SqliteConnection($"Data Source={Process.DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        long Scalar(string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("@c", clientId);
            return (long)cmd.ExecuteScalar()!;
        }
        return (Scalar("SELECT COUNT(*) FROM Users WHERE ClientId = @c"),
                Scalar("SELECT COUNT(*) FROM SignIns WHERE Role = 'user' AND ClientId = @c"));
    }

    public string Log() => File.ReadAllText(Process.LogPath);

    public static async Task<JsonObject> WaitAsync(HttpClient http, string location)
    {
        // Not a timing: a job that never finishes is a hang, and this bounds how long the test waits for one.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var job = await http.GetJson(location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed") return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"import {location} never finished: {job.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
