using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning.Templates;

/// <summary>
/// System templates shipped with Switchboard, one per vendor of phones.md's file-name table, filling the
/// keys each vendor's configuration needs (account, password, display name, server, language). They are
/// starting points an operator copies and adapts; <c>--seed starters</c> (and the demo seed) loads them.
/// The bodies are the embedded files Starters/*.liquid.
/// </summary>
public static class StarterTemplates
{
    public sealed record Starter(string Vendor, string Model, string Name, string File)
    {
        public string Body { get; } = Read(File);
    }

    public static readonly Starter[] All =
    [
        new("Yealink", "T46U", "Yealink starter (Switchboard)", "yealink.liquid"),
        new("Polycom", "VVX 450", "Polycom starter (Switchboard)", "polycom.liquid"),
        new("Grandstream", "GRP2614", "Grandstream starter (Switchboard)", "grandstream.liquid"),
        new("Cisco", "CP-8841-3PCC", "Cisco starter (Switchboard)", "cisco.liquid"),
        new("Snom", "D785", "Snom starter (Switchboard)", "snom.liquid"),
    ];

    /// <summary>
    /// Adds each starter as a system template (and its phone model, when the catalog has none of that
    /// vendor and model) unless a system template of that name exists: idempotent, and an operator's
    /// edits to a loaded starter are kept. Returns how many templates it added.
    /// </summary>
    public static async Task<int> LoadAsync(SwitchboardDb db, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var s in All)
        {
            if (await db.ProvisioningTemplates.AnyAsync(t => t.Name == s.Name && t.ResellerId == null && t.ClientId == null, ct)) continue;
            var model = await db.PhoneModels.FirstOrDefaultAsync(m => m.Vendor == s.Vendor && m.Model == s.Model, ct);
            if (model is null)
            {
                model = new PhoneModel { Vendor = s.Vendor, Model = s.Model };
                db.PhoneModels.Add(model);
                await db.SaveChangesAsync(ct);
            }
            db.ProvisioningTemplates.Add(new ProvisioningTemplate { Name = s.Name, PhoneModelId = model.Id, Body = s.Body });
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }

    private static string Read(string file)
    {
        using var stream = typeof(StarterTemplates).Assembly.GetManifestResourceStream($"Switchboard.Core.Starters.{file}")
            ?? throw new InvalidOperationException($"Starter template {file} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
