using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>Everything a desk phone's file is made of: the user (secret opened), its sign-in email, its client, its phone model's vendor and its template.</summary>
public sealed record PhoneFile(PbxUser User, string Email, Client Client, string Vendor, int TemplateId, string TemplateBody)
{
    public int ResellerId => Client.ResellerId;
}

/// <summary>
/// Finds desk phones' files by MAC, a batch of MACs in one indexed query (users with a phone model and a
/// template; softphone users have neither).
/// </summary>
public static class PhoneFiles
{
    // Compiled once, so a batch pays no LINQ translation or query-cache lookup. The MACs are parameters,
    // never inlined: on PostgreSQL one array (= ANY), on SQLite a list EF pads to a few sizes (IN), so
    // batches of any size share a handful of SQL texts.
    private static readonly Func<SwitchboardDb, string[], IAsyncEnumerable<PhoneFile>> ByMacs =
        EF.CompileAsyncQuery((SwitchboardDb db, string[] macs) =>
            from u in db.Users.AsNoTracking()
            where macs.Contains(u.MacAddress!) && u.PhoneModelId != null && u.ProvisioningTemplateId != null
            join s in db.SignIns on u.Id equals s.Id
            join c in db.Clients.AsNoTracking() on u.ClientId equals c.Id
            join m in db.PhoneModels on u.PhoneModelId equals (int?)m.Id
            join t in db.ProvisioningTemplates on u.ProvisioningTemplateId equals (int?)t.Id
            select new PhoneFile(u, s.Email, c, m.Vendor, t.Id, t.Body));

    /// <summary>The files of the phones with these MACs (AA:BB:CC:DD:EE:FF) that exist, by MAC, in one query.</summary>
    public static async Task<Dictionary<string, PhoneFile>> FindAllAsync(SwitchboardDb db, IReadOnlyList<string> macs, CancellationToken ct)
    {
        var found = new Dictionary<string, PhoneFile>(macs.Count, StringComparer.Ordinal);
        await foreach (var f in ByMacs(db, [.. macs]).WithCancellation(ct)) found[f.User.MacAddress!] = f;
        return found;
    }
}
