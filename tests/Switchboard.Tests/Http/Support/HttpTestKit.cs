using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.Support;

/// <summary>The files in the repository's samples/ folder, found from the repository root (the folder holding Switchboard.sln).</summary>
public static class Samples
{
    public static string Dir { get; } = Find();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "Switchboard.sln"))) continue;
            var samples = Path.Combine(d.FullName, "samples");
            if (!Directory.Exists(samples))
                throw new DirectoryNotFoundException($"Expected the sample files in {samples}.");
            return samples;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Switchboard.sln.");
    }
}

/// <summary>A problem-details answer (RFC 9457), read loosely.</summary>
public sealed record Problem(HttpStatusCode Status, string? Title, string? Detail, JsonObject? Json)
{
    public string Shape => $"{(int)Status} {Title} / {Kit.Masked(Detail ?? "")}";
}

public static class Kit
{
    /// <summary>A message with every run of digits replaced, to compare wording without the IDs in it.</summary>
    public static string Masked(string text) => Regex.Replace(text, @"\d+", "N");

    /// <summary>An ID no test will ever reach.</summary>
    public const int Missing = 987654321;

    /// <summary>A valid new softphone user without a web password (hashing is deliberately slow; most tests need none).</summary>
    public static Dictionary<string, string> Soft(this World w, params (string Header, string Value)[] overrides) =>
        w.Person([("Web Passwords", ""), .. overrides]);

    /// <summary>A valid new desk-phone user on the system Yealink template.</summary>
    public static Dictionary<string, string> Desk(this World w, string mac, params (string Header, string Value)[] overrides) =>
        w.Soft([("Phone Model ID", I(w.PmYea)), ("Provisioning Template ID", I(w.TplYea)), ("Mac Address", mac), .. overrides]);

    public static string I(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Task<ImportResult> ImportRows(this HttpClient http, IEnumerable<IDictionary<string, string>> rows,
        string[]? headers = null, bool dryRun = false) =>
        http.Import(Csv.Write(rows, headers), dryRun);

    public static Dictionary<string, Dictionary<string, string>> ByEmail(this IEnumerable<Dictionary<string, string>> rows) =>
        rows.ToDictionary(r => r["Email"].ToLowerInvariant());

    /// <summary>Creates the rows through an import (all must succeed) and returns their IDs in order, read back from an export.</summary>
    public static async Task<int[]> CreateUsers(this HttpClient http, params Dictionary<string, string>[] rows)
    {
        (await http.ImportRows(rows)).AssertCounts(created: rows.Length, failed: 0);
        var (_, exported) = await http.Export();
        var byEmail = exported.ByEmail();
        return rows.Select(r => int.Parse(byEmail[r["Email"].ToLowerInvariant()]["ID"], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    public static Task<JsonObject> GetUser(this HttpClient http, int id, bool secrets = false) =>
        http.GetJson($"/api/v1/users/{id}" + (secrets ? "?includeSecrets=true" : ""));

    public static string? Str(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : o[name]?.ToJsonString();

    public static async Task<Problem> ReadProblem(this HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try { json = JsonNode.Parse(text) as JsonObject; } catch (System.Text.Json.JsonException) { }
        return new Problem(r.StatusCode, json?.Str("title"), json?.Str("detail"), json);
    }

    public static async Task<Problem> ProblemOf(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null) req.Content = System.Net.Http.Json.JsonContent.Create(body);
        using var r = await http.SendAsync(req);
        return await r.ReadProblem();
    }

    public static async Task<string> RawReport(this HttpClient http, int importId)
    {
        var r = await http.GetAsync($"/api/v1/imports/{importId}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.Content.ReadAsStringAsync();
    }

    public static async Task<(byte[] Bytes, string Text)> FailedRowsCsv(this HttpClient http, int importId)
    {
        var r = await http.GetAsync($"/api/v1/imports/{importId}/failed-rows.csv");
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"failed-rows.csv: {(int)r.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        return (bytes, Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
    }

    /// <summary>All messages of one row's causes, joined.</summary>
    public static string Said(this ImportResult r, int row) => string.Join(" | ", r.Causes(row).Select(c => c.Message));

    public static string Said(this ImportResult r, int row, string column) =>
        string.Join(" | ", r.Causes(row).Where(c => c.Column == column).Select(c => c.Message));

    public static string[] Columns(this ImportResult r, int row) => r.Causes(row).Select(c => c.Column).Distinct().ToArray();

    public static List<JsonObject> Items(this JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    public static int Id(this JsonObject o) => o["id"]!.GetValue<int>();
}

/// <summary>
/// One world per host, for test classes whose tests only add their own users and never depend on
/// what the others did (tests of one class run one after another).
/// </summary>
public static class SharedWorld
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SwitchboardApp, Task<World>> Worlds = new();

    public static Task<World> For(SwitchboardApp app) => Worlds.GetValue(app, World.CreateAsync);
}
