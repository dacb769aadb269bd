using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Data;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Storage;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http.TenantWalls;

/// <summary>
/// The world the table is checked against: World's resellers, clients and administrators, plus for each
/// owner a standing user, profile, template and import whose names carry the owner's marker, a PBX user
/// of A1, every role signed in twice (bearer token for the API, cookie through /login for the pages),
/// and a snapshot of the database by scope to prove that refused and foreign calls wrote nothing.
/// </summary>
public sealed partial class Walls
{
    public const string Password = "Walls-Admin-Pass-1234";
    private const string PbxPassword = "Pbx-Walls-Pass-2468";

    public required SwitchboardApp App { get; init; }
    public required World W { get; init; }
    public string Tag => W.Tag;
    /// <summary>The phone model every template here is for (no user relies on it, so any template may change).</summary>
    public int Pm => W.PmPoly;

    /// <summary>Every HTTP request this harness sent (setup included).</summary>
    public int Requests => _counter.Count;

    private readonly Counter _counter = new();
    private HttpClient _http = null!;
    private int _n = 100;
    private readonly Dictionary<Role, AuthenticationHeaderValue?> _bearer = [];
    private readonly Dictionary<Role, (string Email, string Password)> _credentials = [];
    private readonly Dictionary<Role, (string Cookie, string Token)> _pages = [];
    private readonly Dictionary<(Kind, Owner), int> _standing = [];
    private readonly Dictionary<int, UserRowInfo> _users = [];
    private readonly List<(string Text, Owner Owner, Kind Kind)> _markers = [];

    public sealed record UserRowInfo(string FirstName, string LastName, string Email, string Extension);

    public int Next() => Interlocked.Increment(ref _n);

    public static async Task<Walls> CreateAsync(SwitchboardApp app)
    {
        var w = new Walls { App = app, W = await World.CreateAsync(app) };
        w._http = app.CreateDefaultClient(w._counter);
        await w.SetUpAsync();
        return w;
    }

    private async Task SetUpAsync()
    {
        _credentials[Role.Admin] = (SwitchboardApp.AdminEmail, SwitchboardApp.AdminPassword);
        _bearer[Role.Admin] = W.Admin.DefaultRequestHeaders.Authorization;
        foreach (var (role, key) in new[] { (Role.ResA, "resA"), (Role.ResB, "resB"), (Role.A1, "A1"), (Role.A2, "A2") })
        {
            _credentials[role] = (W.Emails[key], SwitchboardApp.AdminPass);
            _bearer[role] = W.As[key].DefaultRequestHeaders.Authorization;
        }
        _credentials[Role.Anon] = ($"nobody-{Tag}@walls.test", "Not-The-Password-1");
        _bearer[Role.Anon] = null;

        _standing[(Kind.Client, Owner.A1)] = W.CA1;
        _standing[(Kind.Client, Owner.A2)] = W.CA2;
        _standing[(Kind.Client, Owner.B1)] = W.CB1;
        _standing[(Kind.Reseller, Owner.RA)] = W.ResA;
        _standing[(Kind.Reseller, Owner.RB)] = W.ResB;
        _standing[(Kind.PhoneModel, Owner.Sys)] = W.PmPoly;

        foreach (var o in new[] { Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.RB }) _markers.Add((Marker(o), o, Kind.Template));
        foreach (var (o, name) in new[] { (Owner.A1, "A1"), (Owner.A2, "A2"), (Owner.B1, "B1") })
        {
            _markers.Add(($"Client {name} {Tag}", o, Kind.Client));
            _markers.Add((W.Emails[name], o, Kind.Client));
        }
        _markers.Add(($"Reseller A {Tag}", Owner.RA, Kind.Reseller));
        _markers.Add(($"Reseller B {Tag}", Owner.RB, Kind.Reseller));
        _markers.Add((W.Emails["resA"], Owner.RA, Kind.Reseller));
        _markers.Add((W.Emails["resB"], Owner.RB, Kind.Reseller));
        _markers.Add(($"Poly A1 {Tag}", Owner.A1, Kind.Template));
        _markers.Add(($"Yea A2 {Tag}", Owner.A2, Kind.Template));
        _markers.Add(($"Sales {Tag}", Owner.A1, Kind.Profile));
        foreach (var o in new[] { Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.RB, Owner.Sys }) _markers.Add((AccountMarker(o), o, Kind.Account));
        _markers.Add(($"Support {Tag}", Owner.A2, Kind.Profile));

        foreach (var o in new[] { Owner.A1, Owner.A2, Owner.B1 })
        {
            _standing[(Kind.User, o)] = await NewUserAsync(o, "standing");
            _standing[(Kind.Profile, o)] = await FreshAsync(Kind.Profile, o);
            _standing[(Kind.Import, o)] = await FailingImportAsync(o);
        }
        foreach (var o in new[] { Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.RB, Owner.Sys })
            _standing[(Kind.Account, o)] = await FreshAsync(Kind.Account, o);
        // RB's template is not probed by ID (RA's stands for a reseller's) but carries RB's marker into lists.
        foreach (var o in new[] { Owner.A1, Owner.A2, Owner.B1, Owner.RA, Owner.RB, Owner.Sys })
            _standing[(Kind.Template, o)] = await FreshAsync(Kind.Template, o);

        // A PBX user of client A1 (not the standing user: what it may do to itself is /me). Its name carries
        // no client marker: /me shows the user's own name, and A1's standing users already carry A1's marker.
        var pbx = await ApiJsonAsync(Role.Admin, HttpMethod.Post, "/api/v1/users", new
        {
            clientId = W.CA1, firstName = "Pat", lastName = $"Pbx {Tag}", email = $"pbx-{Tag}@walls.test", extension = "5999",
            webPassword = PbxPassword,
        });
        _credentials[Role.Pbx] = (pbx.Str("email")!, PbxPassword);
        var token = await ApiJsonAsync(Role.Anon, HttpMethod.Post, "/api/v1/auth/token", new { email = pbx.Str("email"), password = PbxPassword }, HttpStatusCode.OK);
        _bearer[Role.Pbx] = new AuthenticationHeaderValue("Bearer", token.Str("token"));

        foreach (var role in WallTable.Roles) _pages[role] = await PageSignInAsync(role);
        await SettleAsync();
    }

    // ---- owners, markers, scopes ----

    /// <summary>A string only the owner's things carry (names, departments, file names).</summary>
    public string Marker(Owner o) => o is Owner.A1 or Owner.A2 or Owner.B1 or Owner.RA or Owner.RB ? $"mk{o.ToString().ToLowerInvariant()}{Tag}" : "";

    /// <summary>What the emails of the owner's administrator accounts made here carry.</summary>
    public string AccountMarker(Owner o) => $"ac{o.ToString().ToLowerInvariant()}{Tag}";

    public Owner ScopeOf(Role role) => role switch
    {
        Role.ResA => Owner.RA, Role.ResB => Owner.RB, Role.A1 => Owner.A1, Role.A2 => Owner.A2, _ => Owner.None,
    };

    public (string Email, string Password) Credentials(Role role) => _credentials[role];

    public UserRowInfo UserRow(int id) => _users.TryGetValue(id, out var u) ? u : new UserRowInfo("Nobody", "Nowhere", $"nobody-{id}@walls.test", "5888");

    /// <summary>Markers the role must never be shown (those in the request itself aside).</summary>
    public IEnumerable<string> HiddenMarkers(Role role) =>
        _markers.Where(m => Scope.Of(role, m.Owner, m.Kind) == Stand.Hidden).Select(m => m.Text);

    public IEnumerable<string> VisibleMarkers(Role role) =>
        _markers.Where(m => Scope.Of(role, m.Owner, m.Kind) != Stand.Hidden).Select(m => m.Text);

    public int ClientOf(Owner o) => _standing[(Kind.Client, o)];

    /// <summary>The snapshot keys a thing of this owner lives under.</summary>
    public string ScopeKey(Owner o) => o switch
    {
        Owner.A1 or Owner.A2 or Owner.B1 => $"C{ClientOf(o)}",
        Owner.RA or Owner.RB => $"R{_standing[(Kind.Reseller, o)]}",
        _ => "system",
    };

    /// <summary>The ID a probe names: the standing thing, a fresh one, or one that does not exist.</summary>
    public async Task<int> IdForAsync(Kind kind, Owner owner, bool fresh)
    {
        if (owner == Owner.Missing) return Kit.Missing;
        if (owner == Owner.None) return 0;
        return fresh ? await FreshAsync(kind, owner) : _standing[(kind, owner)];
    }

    public int Standing(Kind kind, Owner owner) => _standing[(kind, owner)];

    /// <summary>A new thing of the owner, made by whoever may make it (for deletes, which use each one up).</summary>
    public async Task<int> FreshAsync(Kind kind, Owner owner)
    {
        var n = Next();
        var mark = Marker(owner);
        switch (kind)
        {
            case Kind.User:
                return await NewUserAsync(owner, $"fresh {n}");
            case Kind.Profile:
                return (await ApiJsonAsync(Role.Admin, HttpMethod.Post, "/api/v1/user-profiles", new { name = $"{mark} prof {n}", clientId = ClientOf(owner) })).Id();
            case Kind.Template:
                // Owned by the maker's scope (B1's administrator is not one of the roles; its token is World's).
                var auth = owner switch
                {
                    Owner.A1 or Owner.A2 or Owner.B1 => W.As[owner.ToString()].DefaultRequestHeaders.Authorization,
                    Owner.RA => _bearer[Role.ResA],
                    Owner.RB => _bearer[Role.ResB],
                    Owner.Sys => _bearer[Role.Admin],
                    _ => throw new ArgumentOutOfRangeException(nameof(owner)),
                };
                return (await ApiJsonAsync(auth, HttpMethod.Post, "/api/v1/provisioning-templates",
                    new { name = $"{mark} tpl {n}", phoneModelId = Pm, body = "x" }, HttpStatusCode.Created)).Id();
            case Kind.Account:
                var email = $"acct-{n}-{AccountMarker(owner)}@walls.test";
                var body = owner switch
                {
                    Owner.A1 or Owner.A2 or Owner.B1 => (object)new { email, password = Password, role = "client", clientId = ClientOf(owner) },
                    Owner.RA or Owner.RB => new { email, password = Password, role = "reseller", resellerId = _standing[(Kind.Reseller, owner)] },
                    Owner.Sys => new { email, password = Password, role = "admin" },
                    _ => throw new ArgumentOutOfRangeException(nameof(owner)),
                };
                return (await ApiJsonAsync(Role.Admin, HttpMethod.Post, "/api/v1/accounts", body)).Id();
            case Kind.Import:
                return await FailingImportAsync(owner);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), $"no fresh {kind}");
        }
    }

    private async Task<int> NewUserAsync(Owner owner, string what)
    {
        var n = Next();
        var row = new UserRowInfo("Walls", $"{Marker(owner)} {what}", $"user-{n}-{Tag}@walls.test", (5000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = (await ApiJsonAsync(Role.Admin, HttpMethod.Post, "/api/v1/users", new
        {
            clientId = ClientOf(owner), firstName = row.FirstName, lastName = row.LastName, email = row.Email, extension = row.Extension,
            department = Marker(owner),
        })).Id();
        _users[id] = row;
        return id;
    }

    /// <summary>An import of the owner's client with one failing row, so it has a report and failed-rows.csv.</summary>
    private async Task<int> FailingImportAsync(Owner owner)
    {
        var csv = $"First Name,Last Name,Email,Extension\r\nWalls,{Marker(owner)} failing,failing-{Next()}-{Tag}@walls.test,bad\r\n";
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", $"{Marker(owner)}.csv");
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/import") { Content = content };
        req.Headers.Authorization = W.As[owner.ToString()].DefaultRequestHeaders.Authorization;
        using var r = await _http.SendAsync(req);
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"import for {owner}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var id = (await r.Content.ReadFromJsonAsync<JsonObject>())!.Id();
        await SettleAsync();
        return id;
    }

    // ---- sending ----

    public Task<JsonObject> ApiJsonAsync(Role role, HttpMethod method, string path, object body, HttpStatusCode expect = HttpStatusCode.Created) =>
        ApiJsonAsync(_bearer[role], method, path, body, expect);

    private async Task<JsonObject> ApiJsonAsync(AuthenticationHeaderValue? auth, HttpMethod method, string path, object body, HttpStatusCode expect)
    {
        using var req = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        req.Headers.Authorization = auth;
        using var r = await _http.SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expect, $"{method} {path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends one probe as the role: bearer token for the API, the role's cookie (and antiforgery token) for pages.</summary>
    public async Task<Answer> SendAsync(Rule rule, bool page, Call call)
    {
        // {sysTemplate} is not what the probe is about (see WallTable): always the system's standing template.
        var path = rule.PathFor(call.Id).Replace("{sysTemplate}", Standing(Kind.Template, Owner.Sys).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var req = new HttpRequestMessage(new HttpMethod(rule.Method), path);
        var sent = new StringBuilder(path);
        if (page) req.Headers.Add("Cookie", _pages[call.Role].Cookie);
        else req.Headers.Authorization = _bearer[call.Role];
        if (rule.Body is { } body)
        {
            var form = body.Form?.Invoke(call);
            if (page && form is not null) form["__RequestVerificationToken"] = _pages[call.Role].Token;
            if (body.Json is { } json)
            {
                var content = JsonContent.Create(json(call));
                sent.Append(await content.ReadAsStringAsync());
                req.Content = content;
            }
            else if (body.File is { } file)
            {
                var multipart = new MultipartFormDataContent();
                var bytes = file(call);
                sent.Append(Encoding.UTF8.GetString(bytes));
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                multipart.Add(part, "file", $"walls-{call.N}.csv");
                foreach (var (k, v) in form ?? []) multipart.Add(new StringContent(v), k);
                req.Content = multipart;
            }
            else if (form is not null)
            {
                foreach (var v in form.Values) sent.Append(' ').Append(v);
                req.Content = new FormUrlEncodedContent(form);
            }
        }
        using var r = await _http.SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();
        return new Answer((int)r.StatusCode, r.Headers.Location?.ToString(), text, sent.ToString());
    }

    /// <summary>
    /// After a probe that ended the role's session or all of them (sign-out, sign out everywhere): signs the
    /// role in again, for the harness (token and cookie) and for World's clients that stand for the same account.
    /// </summary>
    public async Task RenewAsync(Role role)
    {
        if (role == Role.Anon) return;
        var (email, password) = _credentials[role];
        var token = await ApiJsonAsync(Role.Anon, HttpMethod.Post, "/api/v1/auth/token", new { email, password }, HttpStatusCode.OK);
        var auth = new AuthenticationHeaderValue("Bearer", token.Str("token"));
        _bearer[role] = auth;
        var world = role switch { Role.Admin => W.Admin, Role.ResA => W.As["resA"], Role.ResB => W.As["resB"], Role.A1 => W.As["A1"], Role.A2 => W.As["A2"], _ => null };
        if (world is not null) world.DefaultRequestHeaders.Authorization = auth;
        _pages[role] = await PageSignInAsync(role);
    }

    /// <summary>Signs the role in through the login page (anonymous: only fetches it) and keeps its cookies and a token for its forms.</summary>
    private async Task<(string Cookie, string Token)> PageSignInAsync(Role role)
    {
        var jar = new Dictionary<string, string>();
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content = null)
        {
            var req = new HttpRequestMessage(method, path) { Content = content };
            if (jar.Count > 0) req.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var r = await _http.SendAsync(req);
            foreach (var c in r.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
            {
                var pair = c.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }
            return r;
        }
        var login = await Send(HttpMethod.Get, "/login");
        var token = FormToken(await login.Content.ReadAsStringAsync());
        if (role != Role.Anon)
        {
            var (email, password) = _credentials[role];
            var signIn = await Send(HttpMethod.Post, "/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }));
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && jar.ContainsKey("switchboard"),
                $"page sign-in of {role}: {(int)signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}");
            // A form token for the signed-in identity.
            token = FormToken(await (await Send(HttpMethod.Get, "/login")).Content.ReadAsStringAsync());
        }
        return (string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")), token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    private static string FormToken(string html) =>
        TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on /login");

    // ---- the database, by scope ----

    /// <summary>Waits until no import is queued or running, so snapshots see finished work only.</summary>
    public async Task SettleAsync()
    {
        for (var i = 0; i < 1200; i++)
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            if (!await db.ImportJobs.AnyAsync(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("imports did not finish");
    }

    /// <summary>
    /// Everything the database holds about each scope, as text: "C{id}" a client (its row, users, profiles,
    /// templates, imports, administrators, audit entries), "R{id}" a reseller (its row, its clients' rows,
    /// templates, administrators), "system" (phone models, system templates, platform administrators).
    /// </summary>
    public async Task<Dictionary<string, string>> SnapshotAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var s = new Dictionary<string, StringBuilder>();
        void Add(string key, string line) => (s.TryGetValue(key, out var b) ? b : s[key] = new StringBuilder()).Append(line).Append('\n');
        static string C(int? clientId, int? resellerId) => clientId is { } c ? $"C{c}" : resellerId is { } r ? $"R{r}" : "system";

        foreach (var r in await db.Resellers.AsNoTracking().OrderBy(x => x.Id).ToListAsync()) Add($"R{r.Id}", $"reseller {r.Id} {r.Name}");
        foreach (var c in await db.Clients.AsNoTracking().OrderBy(x => x.Id).ToListAsync())
        {
            Add($"C{c.Id}", $"client {c.Id} {c.ResellerId} {c.Name} {c.DefaultLanguage} {c.SipDomain}");
            Add($"R{c.ResellerId}", $"client {c.Id} {c.Name}");
        }
        foreach (var a in await db.SignIns.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Email, x.Role, x.ResellerId, x.ClientId, x.PasswordHash, x.DisabledAt }).ToListAsync())
            Add(C(a.ClientId, a.ResellerId), $"sign-in {a.Id} {a.Email} {a.Role} {a.PasswordHash} {a.DisabledAt:O}");
        foreach (var u in await StoredUsers.LoadAsync(db, await db.Users.Select(x => x.Id).ToListAsync(), default))
            Add($"C{u.ClientId}", $"user {u.Id} {string.Join('|', UserColumns.Fields.Where(f => f.Stored).Select(f => f.Format(u)))}");
        foreach (var p in await db.UserProfiles.AsNoTracking().OrderBy(x => x.Id).ToListAsync()) Add($"C{p.ClientId}", $"profile {p.Id} {p.Name}");
        foreach (var t in await db.ProvisioningTemplates.AsNoTracking().OrderBy(x => x.Id).ToListAsync())
            Add(C(t.ClientId, t.ResellerId), $"template {t.Id} {t.Name} {t.PhoneModelId} {t.Body}");
        foreach (var m in await db.PhoneModels.AsNoTracking().OrderBy(x => x.Id).ToListAsync()) Add("system", $"phone model {m.Id} {m.Vendor} {m.Model}");
        foreach (var j in await db.ImportJobs.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.ClientId, x.Status, x.FileName, x.DryRun, x.Rows, x.Created, x.Updated, x.Failed }).ToListAsync())
            Add($"C{j.ClientId}", $"import {j.Id} {j.Status} {j.FileName} {j.DryRun} {j.Rows} {j.Created} {j.Updated} {j.Failed}");
        foreach (var p in await db.ResellerProvisioning.AsNoTracking().OrderBy(x => x.ResellerId).Select(x => new { x.ResellerId, x.SetAt, x.PreviousValidUntil }).ToListAsync())
            Add($"R{p.ResellerId}", $"provisioning {p.SetAt:O} {p.PreviousValidUntil:O}");
        foreach (var a in await db.AuditEntries.AsNoTracking().GroupBy(x => x.ClientId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            Add(C(a.Key, null), $"audit entries {a.Count}");
        return s.ToDictionary(x => x.Key, x => x.Value.ToString());
    }

    private sealed class Counter : DelegatingHandler
    {
        private int _count;
        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, ct);
        }
    }
}

/// <summary>What came back: status, where a redirect leads, the body; <see cref="Sent"/> is the request's text (its markers are not leaks).</summary>
public sealed partial record Answer(int Status, string? Location, string Body, string Sent)
{
    /// <summary>Where a redirect leads: its path, IDs masked.</summary>
    public string? Target => Location is null ? null
        : Kit.Masked(Location.StartsWith("http", StringComparison.Ordinal) ? new Uri(Location).AbsolutePath : Location.Split('?')[0]);

    public bool Is(Want want) => Status == want.Status && (want.Location is null || Target == Kit.Masked(want.Location));

    /// <summary>The whole answer with what differs between any two requests masked (trace IDs, antiforgery tokens, script nonces), IDs kept.</summary>
    public string Exact => $"{Status} {Location}\n{Volatile().Replace(Body, "\"T\"")}";

    /// <summary>The whole answer with IDs masked too: "not yours" must equal "does not exist" in this form.</summary>
    public string Masked => Kit.Masked(Exact);

    public string Short => $"{Status}{(Location is null ? "" : " -> " + Location)} {(Body.Length > 300 ? Body[..300] + "…" : Body)}".ReplaceLineEndings(" ");

    [GeneratedRegex("(?<=\"traceId\":)\"[^\"]*\"|(?<=value=)\"CfDJ8[^\"]*\"|(?<=nonce=)\"[^\"]*\"")]
    private static partial Regex Volatile();
}
