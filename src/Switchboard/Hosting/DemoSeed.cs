using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Accounts;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning.Templates;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Storage;
using Switchboard.Core.Users.Values;

namespace Switchboard.Web.Hosting;

/// <summary>
/// `--seed demo`: a small world to try the portal with (never loaded by default). Idempotent: a
/// database that already has the demo reseller is left as it is. The README lists the sign-ins.
/// </summary>
public static class DemoSeed
{
    public const string Reseller = "Demo Telecom";
    public static readonly (string Email, string Password, string Role)[] SignIns =
    [
        ("reseller@demo.example", "Demo-Reseller-Pass-1", Roles.Reseller),
        ("admin@acme.demo.example", "Demo-Acme-Admin-1", Roles.Client),
        ("admin@globex.demo.example", "Demo-Globex-Admin-1", Roles.Client),
        ("pat.user@acme.demo.example", "Demo-User-Pass-1", Roles.User),
    ];

    public static async Task RunAsync(SwitchboardDb db, Passwords passwords, ILogger log)
    {
        if (await db.Resellers.AnyAsync(r => r.Name == Reseller)) return;
        var reseller = new Reseller { Name = Reseller };
        db.Resellers.Add(reseller);
        await db.SaveChangesAsync();
        var acme = new Client { Name = "Acme", ResellerId = reseller.Id, DefaultLanguage = "en", SipDomain = "acme.demo.voice.example" };
        var globex = new Client { Name = "Globex", ResellerId = reseller.Id, DefaultLanguage = "fr", SipDomain = "globex.demo.voice.example" };
        db.Clients.AddRange(acme, globex);
        await db.SaveChangesAsync();
        // The starter system templates (and their phone models), then one reseller template of the reseller's own.
        await StarterTemplates.LoadAsync(db);
        var yealink = await db.PhoneModels.FirstAsync(m => m.Vendor == "Yealink" && m.Model == "T46U");
        var polycom = await db.PhoneModels.FirstAsync(m => m.Vendor == "Polycom" && m.Model == "VVX 450");
        db.ProvisioningTemplates.Add(new ProvisioningTemplate
        {
            Name = "Polycom for Demo Telecom", PhoneModelId = polycom.Id, ResellerId = reseller.Id,
            Body = StarterTemplates.All.First(t => t.Vendor == "Polycom").Body.Replace("reg.1.label=\"{{ extension }}\"", "reg.1.label=\"Demo {{ extension }}\"", StringComparison.Ordinal),
        });
        db.UserProfiles.AddRange(new UserProfile { ClientId = acme.Id, Name = "Sales" }, new UserProfile { ClientId = acme.Id, Name = "Support" },
            new UserProfile { ClientId = globex.Id, Name = "Comptabilité" });
        foreach (var (email, password, role) in SignIns.Where(s => s.Role != Roles.User))
        {
            db.SignIns.Add(new SignIn
            {
                Email = email, NormalizedEmail = EmailValue.Normalize(email), PasswordHash = passwords.Hash(password), Role = role,
                ResellerId = role == Roles.Reseller ? reseller.Id : null,
                ClientId = role == Roles.Client ? (email.Contains("acme") ? acme.Id : globex.Id) : null, CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        var template = await db.ProvisioningTemplates.FirstAsync(t => t.Name == StarterTemplates.All[0].Name && t.ResellerId == null && t.ClientId == null);
        await Users(db, passwords, acme, 36, "Acme", template, yealink.Id);
        await Users(db, passwords, globex, 24, "Globex", template, yealink.Id);
        log.LogInformation("Loaded the demo world ({Reseller}, clients Acme and Globex)", Reseller);
    }

    /// <summary>Demo users go through the same planner and writer as an import.</summary>
    private static async Task Users(SwitchboardDb db, Passwords passwords, Client client, int count, string domain,
        ProvisioningTemplate template, int modelId)
    {
        string[] first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Radia", "Tim", "Frances", "Dennis"];
        string[] last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds", "Perlman", "Berners-Lee", "Allen", "Ritchie"];
        string[] departments = ["Sales", "Support", "Engineering", "Finance"];
        var inputs = new List<UserInput>();
        for (var i = 0; i < count; i++)
        {
            var input = UserInput.Empty(i + 2);
            var email = i == 0 && domain == "Acme" ? "pat.user@acme.demo.example" : $"{first[i % first.Length].ToLowerInvariant()}.{last[(i * 5) % last.Length].ToLowerInvariant()}{i}@{domain.ToLowerInvariant()}.demo.example";
            input.Cells[(int)UserColumn.FirstName] = i == 0 && domain == "Acme" ? "Pat" : first[i % first.Length];
            input.Cells[(int)UserColumn.LastName] = i == 0 && domain == "Acme" ? "User" : last[(i * 5) % last.Length];
            input.Cells[(int)UserColumn.Email] = email;
            input.Cells[(int)UserColumn.Extension] = (201 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            input.Cells[(int)UserColumn.Department] = departments[i % departments.Length];
            if (email.StartsWith("pat.user", StringComparison.Ordinal)) input.Cells[(int)UserColumn.WebPassword] = "Demo-User-Pass-1";
            if (i % 4 == 1)
            {
                input.Cells[(int)UserColumn.PhoneModelId] = modelId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                input.Cells[(int)UserColumn.ProvisioningTemplateId] = template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                input.Cells[(int)UserColumn.MacAddress] = $"00:15:65:{client.Id:X2}:{i / 256:X2}:{0xA0 + i % 80:X2}";
            }
            inputs.Add(input);
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var batch = new UserBatch(db, client);
        var plans = batch.Plan(inputs);
        foreach (var p in plans.Where(p => p.NewPassword is not null)) p.NewPasswordHash = passwords.Hash(p.NewPassword!);
        batch.Apply(plans, DateTime.UtcNow, new Core.Audit.AuditStamp(null, "demo seed", "seed", null));
        await tx.CommitAsync();
    }
}
