using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// The real web host over HTTP (WebApplicationFactory) on its own fresh database (a SQLite file, or
/// a PostgreSQL database in the PostgreSQL suite). Every test class gets one through IClassFixture;
/// tests create their own tenants, so they never collide.
/// </summary>
public sealed class SwitchboardApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "root@platform.test";
    public const string AdminPassword = "Platform-Admin-Pass-42";
    public const string AdminPass = "Admin-Pass-1234-xyz";

    public TestDatabase Database { get; }
    private readonly bool _ownsDatabase;

    public SwitchboardApp() : this(TestDatabase.Create(), ownsDatabase: true) { }

    private SwitchboardApp(TestDatabase database, bool ownsDatabase) => (Database, _ownsDatabase) = (database, ownsDatabase);

    /// <summary>Another instance on a database the caller owns, as several servers behind a load balancer.</summary>
    public static SwitchboardApp On(TestDatabase shared) => new(shared, ownsDatabase: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Switchboard", Database.ConnectionString);
        builder.UseSetting("Secrets:Key", Database.SecretsKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        foreach (var (k, v) in ExtraSettings) builder.UseSetting(k, v);
        if (!RunsImports)
            builder.ConfigureTestServices(services =>
            {
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) &&
                                                           d.ImplementationType == typeof(Switchboard.Core.Users.Import.ImportWorker)).ToList())
                    services.Remove(worker);
            });
    }

    /// <summary>
    /// False for a second instance on a shared SQLite database: SQLite serves one instance's import
    /// worker (its client locks live in the process), so a second worker would run the same job again.
    /// </summary>
    public bool RunsImports { get; set; } = true;

    /// <summary>Settings a test class needs on top of the defaults (e.g. small import limits).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var http = CreateClient();
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"sign-in of {email}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var token = (await r.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync(AdminEmail, AdminPassword);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase) Database.Dispose();
    }
}

/// <summary>HTTP helpers shared by the tests.</summary>
public static class Api
{
    public static async Task<JsonObject> PostJson(this HttpClient http, string path, object body, HttpStatusCode expect = HttpStatusCode.Created)
    {
        var r = await http.PostAsJsonAsync(path, body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expect, $"POST {path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetJson(this HttpClient http, string path, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var r = await http.GetAsync(path);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expect, $"GET {path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static Task<HttpResponseMessage> Upload(this HttpClient http, byte[] csv, bool dryRun = false, string fileName = "users.csv")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return http.PostAsync("/api/v1/users/import" + (dryRun ? "?dryRun=true" : ""), content);
    }

    /// <summary>Uploads and waits for the finished report (status completed or failed).</summary>
    public static async Task<ImportResult> Import(this HttpClient http, byte[] csv, bool dryRun = false)
    {
        var r = await http.Upload(csv, dryRun);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"import upload: {(int)r.StatusCode} {text}");
        var location = r.Headers.Location!.ToString();
        for (var i = 0; i < 3000; i++)
        {
            var job = await http.GetJson(location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed") return new ImportResult(job);
            await Task.Delay(50);
        }
        throw new TimeoutException($"import {location} did not finish");
    }

    public static Task<ImportResult> Import(this HttpClient http, string csv, bool dryRun = false) =>
        http.Import(Encoding.UTF8.GetBytes(csv), dryRun);

    public static async Task<(byte[] Bytes, List<Dictionary<string, string>> Rows)> Export(this HttpClient http, string query = "")
    {
        var r = await http.GetAsync("/api/v1/users/export" + query);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"export: {(int)r.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        return (bytes, Csv.Parse(Encoding.UTF8.GetString(bytes)));
    }
}

/// <summary>An import report as the API returns it.</summary>
public sealed record ImportResult(JsonObject Json)
{
    public string Status => Json["status"]!.GetValue<string>();
    public int Created => Json["created"]!.GetValue<int>();
    public int Updated => Json["updated"]!.GetValue<int>();
    public int Unchanged => Json["unchanged"]!.GetValue<int>();
    public int Failed => Json["failed"]!.GetValue<int>();
    public string? Message => Json["message"]?.GetValue<string>();
    public JsonArray Errors => Json["errors"]?.AsArray() ?? [];
    public JsonArray Warnings => Json["warnings"]?.AsArray() ?? [];
    public int Id => Json["id"]!.GetValue<int>();

    public int[] FailedRows => Errors.Select(e => e!["row"]!.GetValue<int>()).Order().ToArray();

    /// <summary>(column, value, message) of every cause of one row.</summary>
    public List<(string Column, string Value, string Message)> Causes(int row) =>
        Errors.Where(e => e!["row"]!.GetValue<int>() == row)
              .SelectMany(e => e!["causes"]!.AsArray())
              .Select(c => (c!["column"]!.GetValue<string>(), c["value"]!.GetValue<string>(), c["message"]!.GetValue<string>()))
              .ToList();

    public void AssertCounts(int created = -1, int updated = -1, int unchanged = -1, int failed = -1)
    {
        Assert.True(Status == "completed", $"import not completed: {Json.ToJsonString()}");
        if (created >= 0) Assert.True(Created == created, $"created {Created} (want {created}): {Json.ToJsonString()}");
        if (updated >= 0) Assert.True(Updated == updated, $"updated {Updated} (want {updated}): {Json.ToJsonString()}");
        if (unchanged >= 0) Assert.True(Unchanged == unchanged, $"unchanged {Unchanged} (want {unchanged}): {Json.ToJsonString()}");
        if (failed >= 0) Assert.True(Failed == failed, $"failed {Failed} (want {failed}): {Json.ToJsonString()}");
    }
}

/// <summary>A small RFC 4180 reader for checking exports in tests (independent of the product's reader).</summary>
public static class Csv
{
    public static readonly string[] Headers =
    [
        "ID", "First Name", "Last Name", "Email", "Web Passwords", "Phone Secret", "Voicemail Pin",
        "Extension", "Department", "Language", "Phone Model ID", "Provisioning Template ID",
        "Mac Address", "User Profile ID", "Forward Number", "Followme Number", "DND On",
        "Callwaiting on", "IP address",
    ];

    public static List<string[]> Records(string text, char delimiter = ',')
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { row.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString()); cell.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }

    public static List<Dictionary<string, string>> Parse(string text)
    {
        var records = Records(text);
        if (records.Count == 0) return [];
        var header = records[0];
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    /// <summary>Writes rows (dictionaries keyed by header; missing = empty) as CSV text.</summary>
    public static string Write(IEnumerable<IDictionary<string, string>> rows, string[]? headers = null, char delimiter = ',', string newline = "\r\n")
    {
        headers ??= Headers;
        string Cell(string v) => v.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        var sb = new StringBuilder();
        sb.Append(string.Join(delimiter, headers.Select(Cell))).Append(newline);
        foreach (var r in rows)
            sb.Append(string.Join(delimiter, headers.Select(h => Cell(r.TryGetValue(h, out var v) ? v : "")))).Append(newline);
        return sb.ToString();
    }
}
