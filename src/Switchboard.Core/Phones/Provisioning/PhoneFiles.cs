using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>Everything a desk phone's file is made of: the user (secret opened), its sign-in email, its client, its phone model's vendor and its template.</summary>
public sealed record PhoneFile(PbxUser User, string Email, Client Client, string Vendor, int TemplateId, string TemplateBody)
{
    public int ResellerId => Client.ResellerId;
}

/// <summary>
/// Finds a desk phone's file by MAC in one indexed query (users with a phone model and a template;
/// softphone users have neither). Compiled once, so a fetch pays only the database's own lookup.
/// </summary>
public static class PhoneFiles
{
    private static readonly Func<SwitchboardDb, string, CancellationToken, Task<PhoneFile?>> ByMac =
        EF.CompileAsyncQuery((SwitchboardDb db, string mac, CancellationToken ct) =>
            (from u in db.Users.AsNoTracking()
             where u.MacAddress == mac && u.PhoneModelId != null && u.ProvisioningTemplateId != null
             join s in db.SignIns on u.Id equals s.Id
             join c in db.Clients.AsNoTracking() on u.ClientId equals c.Id
             join m in db.PhoneModels on u.PhoneModelId equals (int?)m.Id
             join t in db.ProvisioningTemplates on u.ProvisioningTemplateId equals (int?)t.Id
             select new PhoneFile(u, s.Email, c, m.Vendor, t.Id, t.Body)).FirstOrDefault());

    /// <summary>The files of the phones with these MACs (AA:BB:CC:DD:EE:FF) that exist, by MAC, in one query.</summary>
    public static async Task<Dictionary<string, PhoneFile>> FindAllAsync(SwitchboardDb db, IReadOnlyList<string> macs, CancellationToken ct)
    {
        string[] wanted = [.. macs];
        // The MACs travel as one array parameter (json_each on SQLite, = ANY on PostgreSQL) rather than one
        // parameter each, so every batch runs the same cached SQL whatever its size.
        var query = from u in db.Users.AsNoTracking()
                    where EF.Parameter(wanted).Contains(u.MacAddress!) && u.PhoneModelId != null && u.ProvisioningTemplateId != null
                    join s in db.SignIns on u.Id equals s.Id
                    join c in db.Clients.AsNoTracking() on u.ClientId equals c.Id
                    join m in db.PhoneModels on u.PhoneModelId equals (int?)m.Id
                    join t in db.ProvisioningTemplates on u.ProvisioningTemplateId equals (int?)t.Id
                    select new PhoneFile(u, s.Email, c, m.Vendor, t.Id, t.Body);
        var found = new Dictionary<string, PhoneFile>(wanted.Length, StringComparer.Ordinal);
        await foreach (var f in query.AsAsyncEnumerable().WithCancellation(ct)) found[f.User.MacAddress!] = f;
        return found;
    }

    /// <summary>The file of the phone with this MAC (AA:BB:CC:DD:EE:FF), or null.</summary>
    public static Task<PhoneFile?> FindAsync(SwitchboardDb db, string mac, CancellationToken ct) => ByMac(db, mac, ct);
}
