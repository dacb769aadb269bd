using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>Adds a reseller (platform administrator).</summary>
public sealed class CreateReseller(SwitchboardDb db, Tenant tenant)
{
    public async Task<EditResult<Reseller>> RunAsync(string? name, string source, CancellationToken ct)
    {
        if (!tenant.Caller.CanManageResellers) return EditResult<Reseller>.NotOwned(ResellerRules.NotYours);
        var checkedName = await ResellerRules.CheckNameAsync(db, name, 0, ct);
        if (checkedName.Result is { } refused) return refused;
        var r = new Reseller { Name = checkedName.Name };
        db.Resellers.Add(r);
        await db.SaveWithAuditAsync(() => [AuditLog.Entry(tenant.Caller, source, null, "reseller.create", "reseller", r.Id, r.Name)], ct);
        return EditResult<Reseller>.Saved(r, $"Reseller \"{r.Name}\" was added with ID {r.Id}.");
    }
}

public static class ResellerRules
{
    public const string NotYours = "Only the platform administrator creates, renames and deletes resellers.";

    /// <summary>The trimmed name, or why it cannot be reseller <paramref name="id"/>'s (0 for a new one).</summary>
    public static async Task<(string Name, EditResult<Reseller>? Result)> CheckNameAsync(SwitchboardDb db, string? name, int id, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) return (name, EditResult<Reseller>.Invalid("name", "Enter the reseller's name."));
        if (name.Length > 200) return (name, EditResult<Reseller>.Invalid("name", $"Is {name.Length} characters long; a reseller's name has at most 200."));
        if (await db.Resellers.AnyAsync(r => r.Name == name && r.Id != id, ct))
            return (name, EditResult<Reseller>.Conflict("name", $"A reseller named \"{name}\" already exists."));
        return (name, null);
    }
}
