using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Tenancy;

namespace Switchboard.Web.Pages.Catalog;

/// <summary>The "pick a user" form of a template's preview: the caller's users, those of this template first.</summary>
public sealed record PreviewPicker(int TemplateId, IReadOnlyList<(int Id, string Label)> Users, int? Selected)
{
    /// <summary>How many users the list offers; any other of the caller's users is previewed by its ID in the address (?userId=).</summary>
    public const int Shown = 200;

    public static readonly PreviewPicker Empty = new(0, [], null);

    public static async Task<PreviewPicker> LoadAsync(Tenant tenant, SwitchboardDb db, int templateId, int? selected, CancellationToken ct)
    {
        var users = await tenant.Users.OrderBy(u => u.ProvisioningTemplateId == templateId ? 0 : 1).ThenBy(u => u.Id).Take(Shown)
            .Join(db.Clients, u => u.ClientId, c => c.Id, (u, c) => new { u.Id, u.Extension, u.FirstName, u.LastName, Client = c.Name })
            .ToListAsync(ct);
        var list = users.Select(u => (u.Id, $"{u.Extension} · {u.FirstName} {u.LastName} ({u.Client}, ID {u.Id})")).ToList();
        return new PreviewPicker(templateId, list, selected);
    }
}
