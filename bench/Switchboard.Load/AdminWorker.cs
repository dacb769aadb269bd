using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchboard.Load;

/// <summary>
/// One client administrator: signs in, then until the deadline does one operation after another —
/// page through users (32 %), search (10 %), open and edit one of its own users (45 %), create a user
/// (5 %), race the other administrators of its client to create the same user (3 %), export (5 %) —
/// and about every --import-every seconds uploads an import and watches it to its report, as the
/// portal's progress bar does. It keeps a ledger of every write and its answer for the check
/// against the database afterwards.
/// </summary>
public sealed class AdminWorker(AdminState me, World world, Api api, Recorder rec, LoadOptions o, Random rng)
{
    private const int PageSize = 50;
    private string? _token;
    private int _forwardSeq, _createSeq, _importSeq, _importCreateSeq, _race;
    private int _knownTotal = world.SeedUsers;
    private ClientState Client => me.Client;

    public async Task RunAsync(DateTime deadline, DateTime drainDeadline)
    {
        var resign = TimeSpan.FromSeconds(o.ResignSeconds);
        while (_token is null && DateTime.UtcNow < deadline)
            if (!await SignInAsync()) await Task.Delay(1000);
        // Spread the re-sign-ins and imports so that they do not all come at once.
        var nextSignIn = DateTime.UtcNow + resign * (0.5 + rng.NextDouble());
        var importEvery = TimeSpan.FromSeconds(o.ImportEverySeconds);
        var nextImport = DateTime.UtcNow + importEvery * rng.NextDouble();
        while (DateTime.UtcNow < deadline && rec.Total < o.MaxRequests)
        {
            if (_token is null || DateTime.UtcNow >= nextSignIn)
            {
                await SignInAsync();
                nextSignIn = DateTime.UtcNow + resign;
                continue;
            }
            if (o.ImportEverySeconds > 0 && DateTime.UtcNow >= nextImport)
            {
                await ImportAsync(drainDeadline);
                nextImport = DateTime.UtcNow + importEvery * (0.5 + rng.NextDouble());
                continue;
            }
            var pick = rng.Next(100);
            if (pick < 32) await ListAsync();
            else if (pick < 42) await SearchAsync();
            else if (pick < 87) await EditAsync();
            else if (pick < 92) await CreateAsync();
            else if (pick < 95) await RaceAsync();
            else await ExportAsync();
            if (o.ThinkMs > 0) await Task.Delay(o.ThinkMs);
        }
    }

    private async Task<bool> SignInAsync()
    {
        var r = await api.SendAsync("sign-in", HttpMethod.Post, "/api/v1/auth/token", JsonContent.Create(new { email = me.Email, password = me.Password }));
        if (r.Status != 200)
        {
            if (r.Answered) rec.Anomaly($"admin {me.Global}: sign-in answered {r.Status}: {Api.Cut(r.Body, 300)}");
            return false;
        }
        _token = JsonNode.Parse(r.Body)!["token"]!.GetValue<string>();
        return true;
    }

    private Task<Reply> SendAsync(string kind, HttpMethod method, string path, HttpContent? content = null) =>
        api.SendAsync(kind, method, path, content, _token);

    /// <summary>A 401 mid-run means the token stopped working: sign in again, and say so.</summary>
    private bool Unexpected(string what, Reply r, params int[] expected)
    {
        if (expected.Contains(r.Status) || !r.Answered || r.Status >= 500) return false;
        rec.Anomaly($"admin {me.Global}: {what} answered {r.Status}: {Api.Cut(r.Body, 300)}");
        if (r.Status == 401) _token = null;
        return true;
    }

    private async Task ListAsync()
    {
        var pages = Math.Max(1, (_knownTotal + PageSize - 1) / PageSize);
        var page = rng.Next(1, pages + 1);
        var r = await SendAsync("list users (page of 50)", HttpMethod.Get, $"/api/v1/users?page={page}&pageSize={PageSize}");
        if (r.Status != 200) { Unexpected($"GET users page {page}", r, 200); return; }
        var json = JsonNode.Parse(r.Body)!;
        var items = json["items"]!.AsArray();
        _knownTotal = json["total"]!.GetValue<int>();
        if (_knownTotal < world.SeedUsers || items.Count > PageSize || (page < pages && items.Count != PageSize && _knownTotal >= page * PageSize))
            rec.Anomaly($"admin {me.Global}: page {page} has {items.Count} items of total {_knownTotal}");
        foreach (var item in items)
            if (item!["clientId"]!.GetValue<int>() != Client.Id)
                rec.Anomaly($"admin {me.Global} of client {Client.Id}: page {page} shows user {item["id"]} of client {item["clientId"]}");
    }

    private async Task SearchAsync()
    {
        var u = Client.Users[rng.Next(Client.Users.Length)];
        var term = rng.Next(2) == 0 ? u.LastName.ToLowerInvariant() : u.Email[..12];
        var r = await SendAsync("search users", HttpMethod.Get, $"/api/v1/users?search={Uri.EscapeDataString(term)}&pageSize={PageSize}");
        if (r.Status != 200) { Unexpected($"search '{term}'", r, 200); return; }
        var items = JsonNode.Parse(r.Body)!["items"]!.AsArray();
        if (!items.Any(i => i!["id"]!.GetValue<int>() == u.Id))
            rec.Anomaly($"admin {me.Global}: search '{term}' did not find user {u.Id} ({items.Count} items)");
        foreach (var item in items)
            if (item!["clientId"]!.GetValue<int>() != Client.Id)
                rec.Anomaly($"admin {me.Global} of client {Client.Id}: search shows user {item["id"]} of client {item["clientId"]}");
    }

    /// <summary>Opens one of its own users (checking it reads its own last write) and sets a new Forward Number.</summary>
    private async Task EditAsync()
    {
        var u = me.Owned[rng.Next(me.Owned.Count)];
        var g = await SendAsync("get user", HttpMethod.Get, $"/api/v1/users/{u.Id}");
        if (g.Status == 200)
        {
            var shown = JsonNode.Parse(g.Body)!["forwardNumber"]?.GetValue<string>();
            if (shown != u.Forward && !u.ForwardUnknown.Contains(shown ?? ""))
                rec.Anomaly($"admin {me.Global}: GET user {u.Id} shows forward {shown ?? "null"}, last acknowledged {u.Forward}");
        }
        else if (Unexpected($"GET user {u.Id}", g, 200)) return;

        var value = $"+4{me.Global:D3}{++_forwardSeq:D8}";
        var r = await SendAsync("edit user (PUT)", HttpMethod.Put, $"/api/v1/users/{u.Id}", JsonContent.Create(new { forwardNumber = value }));
        u.Log($"PUT forward {value} by admin {me.Global}: {(r.Answered ? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}");
        if (r.Status == 200)
        {
            var back = JsonNode.Parse(r.Body)!["forwardNumber"]?.GetValue<string>();
            if (back != value) rec.Anomaly($"admin {me.Global}: PUT user {u.Id} forward {value} answered 200 with {back}");
            u.Forward = value;
            u.ForwardUnknown.Clear();
        }
        else if (!r.Answered || r.Status >= 500) u.ForwardUnknown.Add(value); // may or may not have been applied
        else Unexpected($"PUT user {u.Id}", r, 200);
    }

    private async Task CreateAsync()
    {
        var seq = ++_createSeq;
        if (seq > 9999) return;
        var email = $"made.a{me.Global:D3}.n{seq:D4}@load.test";
        var ext = $"4{me.Local:D2}{seq:D4}";
        var body = new { clientId = Client.Id, firstName = "Made", lastName = $"A{me.Global:D3}N{seq:D4}", email, extension = ext };
        var r = await SendAsync("create user (POST)", HttpMethod.Post, "/api/v1/users", JsonContent.Create(body));
        if (r.Status == 201) world.Created.Enqueue(new CreatedUser(Client.Index, email, ext, null, "POST", Certain: true));
        else if (!r.Answered || r.Status >= 500) world.Created.Enqueue(new CreatedUser(Client.Index, email, ext, null, "POST", Certain: false));
        else Unexpected($"POST user {email}", r, 201);
    }

    /// <summary>
    /// Every administrator of the client creates the same users in the same order (same email and
    /// extension): whoever comes first gets 201, everyone else 400 — never two users.
    /// </summary>
    private async Task RaceAsync()
    {
        var round = _race++;
        if (round > 999_999) return;
        var key = Client.Races.GetOrAdd(round, r => new RaceKey { Email = $"race.c{Client.Index:D3}.r{r:D6}@load.test", Extension = $"5{r:D6}" });
        var body = new { clientId = Client.Id, firstName = "Race", lastName = $"R{round:D6}", email = key.Email, extension = key.Extension };
        var r = await SendAsync("create same user (race)", HttpMethod.Post, "/api/v1/users", JsonContent.Create(body));
        if (r.Status == 201) Interlocked.Increment(ref key.Created);
        else if (r.Status == 400 && (r.Body.Contains("\"email\"") || r.Body.Contains("\"extension\""))) Interlocked.Increment(ref key.Refused);
        else if (!r.Answered || r.Status >= 500) Interlocked.Increment(ref key.Unknown);
        else Unexpected($"race POST {key.Email}", r, 201);
    }

    private async Task ExportAsync()
    {
        var r = await SendAsync("export users.csv", HttpMethod.Get, "/api/v1/users/export");
        if (r.Status != 200) { Unexpected("export", r, 200); return; }
        var text = r.Body.TrimStart('\uFEFF');
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        if (!text.StartsWith("ID,", StringComparison.Ordinal) || rows < world.SeedUsers)
            rec.Anomaly($"admin {me.Global}: export has {rows} rows (seeded {world.SeedUsers}): {Api.Cut(text, 200)}");
        // Every email the workload makes names its client (seed, race) or its administrator (made, imp):
        // an export holds only its own client's users.
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var cells = line.Split(',');
            var c = cells.Length < 4 ? null : ClientOf(cells[3]);
            if (c == Client.Index) continue;
            rec.Anomaly($"admin {me.Global} of client {Client.Index}: export holds {(cells.Length < 4 ? line : cells[3])}, " +
                        (c is null ? "which the workload never created" : $"a user of client {c}"));
            break;
        }
    }

    private int? ClientOf(string email)
    {
        var m = System.Text.RegularExpressions.Regex.Match(email, @"^(?:seed\d+\.c(?<c>\d+)|race\.c(?<c>\d+)\.r\d+|(?:made|imp)\.a(?<a>\d+)\.n\d+)@load\.test$");
        if (!m.Success) return null;
        return m.Groups["c"].Success ? int.Parse(m.Groups["c"].Value, System.Globalization.CultureInfo.InvariantCulture)
                                     : int.Parse(m.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture) % world.Clients.Count;
    }

    /// <summary>
    /// Uploads a file that sets Department on users of another administrator's share (who is meanwhile
    /// editing their Forward Numbers, a column this file does not have) and creates a few users; waits for its report.
    /// </summary>
    private async Task ImportAsync(DateTime drainDeadline)
    {
        var seq = ++_importSeq;
        var big = rng.Next(10) == 0;
        var updates = big ? me.ImportTargets.ToList() : me.ImportTargets.OrderBy(_ => rng.Next()).Take(20).ToList();
        var creates = Math.Min(big ? 20 : 5, 9999 - _importCreateSeq);
        var dept = $"D{me.Global:D3}-{seq:D5}";
        var csv = new StringBuilder("ID,First Name,Last Name,Email,Extension,Department\r\n");
        foreach (var u in updates) csv.Append($"{u.Id},{u.FirstName},{u.LastName},{u.Email},{u.Extension},{dept}\r\n");
        var made = new List<(string Email, string Ext)>();
        for (var i = 0; i < creates; i++)
        {
            var n = ++_importCreateSeq;
            made.Add(($"imp.a{me.Global:D3}.n{n:D4}@load.test", $"3{me.Local:D2}{n:D4}"));
            csv.Append($",Imported,A{me.Global:D3}N{n:D4},{made[^1].Email},{made[^1].Ext},{dept}\r\n");
        }
        var record = new ImportRecord { ClientIndex = Client.Index, Admin = me.Global, UpdateRows = updates.Count, CreateRows = made.Count };
        world.Imports.Enqueue(record);

        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", $"load-{me.Global:D3}-{seq:D5}.csv");
        var sw = Stopwatch.StartNew();
        var r = await SendAsync("import upload", HttpMethod.Post, "/api/v1/users/import", content);
        JsonNode? job = null;
        if (r.Status == 202)
        {
            record.JobId = JsonNode.Parse(r.Body)!["id"]!.GetValue<int>();
            record.Outcome = "queued";
            // As the portal's progress bar does: first look after 300 ms, then every 500 ms.
            for (var polls = 0; DateTime.UtcNow < drainDeadline; polls++)
            {
                await Task.Delay(polls == 0 ? 300 : 500);
                var p = await SendAsync("import status (poll)", HttpMethod.Get, r.Location!.ToString());
                if (p.Status != 200) { Unexpected($"GET import {record.JobId}", p, 200); continue; }
                var status = JsonNode.Parse(p.Body)!["status"]!.GetValue<string>();
                if (status is "completed" or "failed") { job = JsonNode.Parse(p.Body); break; }
            }
        }
        else Unexpected("import upload", r, 202);

        if (job is null)
        {
            // No report: the file may have been applied, in part (rows are applied whole) or not at all.
            if (r.Status == 202) record.Outcome = "no report before the drain deadline";
            else if (r.Answered && r.Status < 500) record.Outcome = $"refused {r.Status}";
            foreach (var u in updates) { u.DepartmentUnknown.Add(dept); u.Log($"import by admin {me.Global} dept {dept}: {record.Outcome}"); }
            if (!(r.Answered && r.Status < 500 && r.Status != 202))
                foreach (var m in made) world.Created.Enqueue(new CreatedUser(Client.Index, m.Email, m.Ext, dept, $"import {record.JobId}", Certain: false));
            return;
        }
        rec.RecordSpan("import (upload to report)", sw.Elapsed.TotalMilliseconds, 200);
        record.Outcome = job["status"]!.GetValue<string>();
        record.Created = job["created"]!.GetValue<int>();
        record.Updated = job["updated"]!.GetValue<int>();
        record.Unchanged = job["unchanged"]!.GetValue<int>();
        record.Failed = job["failed"]!.GetValue<int>();
        var failedRows = new HashSet<int>();
        foreach (var e in job["errors"]?.AsArray() ?? []) failedRows.Add(e!["row"]!.GetValue<int>());
        if (record.Outcome != "completed" || record.Failed > 0 || record.Created != made.Count || record.Updated != updates.Count)
            rec.Anomaly($"admin {me.Global}: import {record.JobId} ({updates.Count} updates, {made.Count} creates) ended {record.Outcome}: " +
                        $"created {record.Created}, updated {record.Updated}, unchanged {record.Unchanged}, failed {record.Failed}; {Api.Cut(job.ToJsonString(), 500)}");
        var applied = record.Outcome == "completed";
        // Rows in file order: header is row 1, the updates come first, then the creates.
        for (var i = 0; i < updates.Count; i++)
        {
            var ok = applied && !failedRows.Contains(i + 2);
            updates[i].Log($"import {record.JobId} by admin {me.Global} dept {dept}: {(ok ? "applied" : "row failed")}");
            if (!ok) continue;
            updates[i].Department = dept;
            updates[i].DepartmentUnknown.Clear();
        }
        for (var i = 0; i < made.Count; i++)
            if (applied && !failedRows.Contains(updates.Count + i + 2))
                world.Created.Enqueue(new CreatedUser(Client.Index, made[i].Email, made[i].Ext, dept, $"import {record.JobId}", Certain: true));
    }
}
