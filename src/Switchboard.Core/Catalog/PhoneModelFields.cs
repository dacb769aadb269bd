using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Catalog;

/// <summary>A phone model as an administrator types it (API body or form); null leaves a value as it is when editing.</summary>
public sealed record PhoneModelFields(string? Vendor, string? Model)
{
    public const string NotYours = "Only the platform administrator keeps the phone model catalog.";

    /// <summary>The values to store (current ones where these are null), or messages by field.</summary>
    public async Task<(string Vendor, string Model, Dictionary<string, string[]> Errors, string? Conflict)> CheckAsync(
        SwitchboardDb db, PhoneModel? current, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var vendor = Vendor?.Trim() ?? current?.Vendor ?? "";
        var model = Model?.Trim() ?? current?.Model ?? "";
        if (vendor.Length == 0) errors["vendor"] = ["Enter the vendor, e.g. Yealink."];
        if (model.Length == 0) errors["model"] = ["Enter the model, e.g. T46U."];
        string? conflict = null;
        var id = current?.Id ?? 0;
        if (errors.Count == 0 && await db.PhoneModels.AnyAsync(x => x.Vendor == vendor && x.Model == model && x.Id != id, ct))
            conflict = $"{vendor} {model} is already in the catalog.";
        return (vendor, model, errors, conflict);
    }
}
