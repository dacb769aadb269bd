namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// Two resellers, three clients (A1 and A2 under reseller A, B1 under reseller B), their
/// administrators, phone models, templates and profiles — created through the API, with a unique tag.
/// </summary>
public sealed class World
{
    public required SwitchboardApp App { get; init; }
    public required string Tag { get; init; }
    public required HttpClient Admin { get; init; }
    public required Dictionary<string, HttpClient> As { get; init; }
    public required Dictionary<string, string> Emails { get; init; }
    public int ResA, ResB, CA1, CA2, CB1, PmYea, PmPoly, TplYea, TplPolyA1, TplYeaA2, ProfA1, ProfA2;
    private int _seq;

    public static async Task<World> CreateAsync(SwitchboardApp app)
    {
        var admin = await app.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var w = new World { App = app, Tag = tag, Admin = admin, As = [], Emails = [] };
        w.ResA = (await admin.PostJson("/api/v1/resellers", new { name = $"Reseller A {tag}" }))["id"]!.GetValue<int>();
        w.ResB = (await admin.PostJson("/api/v1/resellers", new { name = $"Reseller B {tag}" }))["id"]!.GetValue<int>();
        w.CA1 = (await admin.PostJson("/api/v1/clients", new { name = $"Client A1 {tag}", resellerId = w.ResA }))["id"]!.GetValue<int>();
        w.CA2 = (await admin.PostJson("/api/v1/clients", new { name = $"Client A2 {tag}", resellerId = w.ResA }))["id"]!.GetValue<int>();
        w.CB1 = (await admin.PostJson("/api/v1/clients", new { name = $"Client B1 {tag}", resellerId = w.ResB }))["id"]!.GetValue<int>();
        foreach (var (name, role, key, scope) in new[]
                 {
                     ("resA", "reseller", "resellerId", w.ResA), ("resB", "reseller", "resellerId", w.ResB),
                     ("A1", "client", "clientId", w.CA1), ("A2", "client", "clientId", w.CA2), ("B1", "client", "clientId", w.CB1),
                 })
        {
            var email = $"{name.ToLowerInvariant()}-{tag}@admins.test";
            await admin.PostJson("/api/v1/accounts", new Dictionary<string, object>
            {
                ["email"] = email, ["password"] = SwitchboardApp.AdminPass, ["role"] = role, [key] = scope,
            });
            w.Emails[name] = email;
            w.As[name] = await app.SignInAsync(email, SwitchboardApp.AdminPass);
        }
        w.PmYea = (await admin.PostJson("/api/v1/phone-models", new { vendor = "Yealink", model = $"T46U-{tag}" }))["id"]!.GetValue<int>();
        w.PmPoly = (await admin.PostJson("/api/v1/phone-models", new { vendor = "Polycom", model = $"VVX450-{tag}" }))["id"]!.GetValue<int>();
        const string body = "account.1.user_name = {{extension}}\n";
        w.TplYea = (await admin.PostJson("/api/v1/provisioning-templates", new { name = $"Yealink sys {tag}", phoneModelId = w.PmYea, body }))["id"]!.GetValue<int>();
        w.TplPolyA1 = (await w.As["A1"].PostJson("/api/v1/provisioning-templates", new { name = $"Poly A1 {tag}", phoneModelId = w.PmPoly, body }))["id"]!.GetValue<int>();
        w.TplYeaA2 = (await w.As["A2"].PostJson("/api/v1/provisioning-templates", new { name = $"Yea A2 {tag}", phoneModelId = w.PmYea, body }))["id"]!.GetValue<int>();
        w.ProfA1 = (await w.As["A1"].PostJson("/api/v1/user-profiles", new { name = $"Sales {tag}" }))["id"]!.GetValue<int>();
        w.ProfA2 = (await w.As["A2"].PostJson("/api/v1/user-profiles", new { name = $"Support {tag}" }))["id"]!.GetValue<int>();
        return w;
    }

    /// <summary>A valid new softphone user row; override cells by header.</summary>
    public Dictionary<string, string> Person(params (string Header, string Value)[] overrides)
    {
        var i = Interlocked.Increment(ref _seq);
        var d = new Dictionary<string, string>
        {
            ["First Name"] = $"Ann{i}", ["Last Name"] = $"Lee{i}", ["Email"] = $"u{i}-{Tag}@example.test",
            ["Web Passwords"] = "Web-Password-9876", ["Extension"] = (2000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (h, v) in overrides) d[h] = v;
        return d;
    }

    public static string RandomMac()
    {
        var b = new byte[6];
        Random.Shared.NextBytes(b);
        b[0] = 0x00; b[1] = 0x15; b[2] = 0x65; b[5] = (byte)Random.Shared.Next(0xA0, 0xF0);
        return string.Join(":", b.Select(x => x.ToString("X2")));
    }
}
