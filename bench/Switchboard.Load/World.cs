using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchboard.Load;

/// <summary>
/// One seeded user and what the workload knows about its two written fields. Forward Number is
/// written only by its owner (one administrator, one request at a time, through PUT); Department
/// only by one other administrator of the client, through imports (which the server runs one at a
/// time per client, in upload order). So the last acknowledged write of each field is what the
/// database must hold at the end, unless a later write whose answer never came was applied.
/// </summary>
public sealed class SeedUser
{
    public required int Index { get; init; }
    public int Id { get; set; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required string Extension { get; init; }
    public required string Forward { get; set; }
    public List<string> ForwardUnknown { get; } = [];
    public required string Department { get; set; }
    public List<string> DepartmentUnknown { get; } = [];
    /// <summary>Every write to this user, for the report if its final state is wrong.</summary>
    public ConcurrentQueue<string> History { get; } = new();

    public void Log(string what) => History.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
}

public sealed class RaceKey
{
    public required string Email { get; init; }
    public required string Extension { get; init; }
    public int Created;
    public int Refused;
    public int Unknown;
}

/// <summary>A user the workload created (through POST or an import); Certain when the server acknowledged it.</summary>
public sealed record CreatedUser(int ClientIndex, string Email, string Extension, string? Department, string Source, bool Certain);

public sealed class ImportRecord
{
    public required int ClientIndex { get; init; }
    public required int Admin { get; init; }
    public int? JobId { get; set; }
    public required int UpdateRows { get; init; }
    public required int CreateRows { get; init; }
    public string Outcome { get; set; } = "not answered";
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
}

public sealed class ClientState
{
    public required int Index { get; init; }
    public int Id { get; set; }
    public List<AdminState> Admins { get; } = [];
    public SeedUser[] Users { get; set; } = [];
    public ConcurrentDictionary<int, RaceKey> Races { get; } = new();
}

public sealed class AdminState
{
    public required int Global { get; init; }
    public required int Local { get; init; }
    public required ClientState Client { get; init; }
    public string Email => $"admin{Global:D3}@load.test";
    public string Password => $"Load-Pass-{Global:D3}-x";
    /// <summary>The users whose Forward Number only this administrator writes.</summary>
    public List<SeedUser> Owned { get; } = [];
    /// <summary>The users whose Department only this administrator's imports write (another administrator's share).</summary>
    public List<SeedUser> ImportTargets { get; set; } = [];
}

/// <summary>The tenants, accounts and seeded users, made through the API as the platform administrator.</summary>
public sealed class World
{
    public List<ClientState> Clients { get; } = [];
    public List<AdminState> Admins { get; } = [];
    public int SeedUsers { get; private init; }
    public ConcurrentQueue<CreatedUser> Created { get; } = new();
    public ConcurrentQueue<ImportRecord> Imports { get; } = new();
    public int SeedImports { get; private set; }

    public static string SeedEmail(int client, int i) => $"seed{i:D5}.c{client:D3}@load.test";

    public static async Task<World> CreateAsync(LoadOptions o, Uri baseAddress)
    {
        var world = new World { SeedUsers = o.SeedUsers };
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var platform = await TokenAsync(http, ServerProcess.AdminEmail, ServerProcess.AdminPassword);
        var resellers = new[] { await CreateAsync(http, platform, "/api/v1/resellers", new { name = "Load reseller A" }),
                                await CreateAsync(http, platform, "/api/v1/resellers", new { name = "Load reseller B" }) };
        for (var c = 0; c < o.Clients; c++)
        {
            var client = new ClientState { Index = c };
            client.Id = await CreateAsync(http, platform, "/api/v1/clients", new { name = $"Load client {c:D3}", resellerId = resellers[c % 2] });
            world.Clients.Add(client);
        }
        for (var g = 0; g < o.Admins; g++)
        {
            var client = world.Clients[g % o.Clients];
            var admin = new AdminState { Global = g, Local = client.Admins.Count, Client = client };
            client.Admins.Add(admin);
            world.Admins.Add(admin);
        }
        // Each account costs the server one slow password hash: two at a time, one per core.
        await Parallel.ForEachAsync(world.Admins, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (a, _) =>
            await CreateAsync(http, platform, "/api/v1/accounts", new { email = a.Email, password = a.Password, role = "client", clientId = a.Client.Id }));

        await Parallel.ForEachAsync(world.Clients, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (client, _) =>
        {
            var c = client.Index;
            client.Users = Enumerable.Range(0, o.SeedUsers).Select(i => new SeedUser
            {
                Index = i, FirstName = "Seed", LastName = $"User{i:D5}", Email = SeedEmail(c, i),
                Extension = (200000 + i).ToString(CultureInfo.InvariantCulture),
                Forward = $"+1555{c:D3}{i:D5}", Department = "Seed",
            }).ToArray();
            var token = await TokenAsync(http, client.Admins[0].Email, client.Admins[0].Password);
            var csv = new StringBuilder("First Name,Last Name,Email,Extension,Department,Forward Number\r\n");
            foreach (var u in client.Users) csv.Append($"{u.FirstName},{u.LastName},{u.Email},{u.Extension},{u.Department},{u.Forward}\r\n");
            var job = await ImportAsync(http, token, Encoding.UTF8.GetBytes(csv.ToString()));
            if (job["status"]!.GetValue<string>() != "completed" || job["created"]!.GetValue<int>() != o.SeedUsers)
                throw new InvalidOperationException($"seed import of client {c}: {Api.Cut(job.ToJsonString(), 600)}");
            var byEmail = client.Users.ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
            for (var page = 1; ; page++)
            {
                var list = await GetAsync(http, token, $"/api/v1/users?page={page}&pageSize=500");
                var items = list["items"]!.AsArray();
                foreach (var item in items) byEmail[item!["email"]!.GetValue<string>()].Id = item["id"]!.GetValue<int>();
                if (items.Count < 500) break;
            }
            if (client.Users.Any(u => u.Id == 0)) throw new InvalidOperationException($"client {c}: not every seeded user was listed");
            foreach (var u in client.Users) client.Admins[u.Index % client.Admins.Count].Owned.Add(u);
            foreach (var a in client.Admins) a.ImportTargets = client.Admins[(a.Local + 1) % client.Admins.Count].Owned;
        });
        world.SeedImports = o.Clients;
        return world;
    }

    private static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in of {email}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string token, string path)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var r = await http.SendAsync(req);
        var body = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)r.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<int> CreateAsync(HttpClient http, string token, string path, object body)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var r = await http.SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    private static async Task<JsonObject> ImportAsync(HttpClient http, string token, byte[] csv)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(csv);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "seed.csv");
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/import") { Content = content };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var r = await http.SendAsync(req);
        if ((int)r.StatusCode != 202) throw new InvalidOperationException($"seed upload: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var location = r.Headers.Location!.ToString();
        while (true)
        {
            var job = await GetAsync(http, token, location);
            if (job["status"]!.GetValue<string>() is "completed" or "failed") return job;
            await Task.Delay(100);
        }
    }
}
