using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Phones.Provisioning.Templates;

namespace Switchboard.Core.Catalog;

/// <summary>A provisioning template as an administrator types it, from the API's body or a page's form.</summary>
public sealed record TemplateFields(string? Name, int? PhoneModelId, string? Body)
{
    /// <summary>Messages by field for values that cannot be stored; empty when all can.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(SwitchboardDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = ["Enter a name for the template."];
        if (PhoneModelId is not { } pm || !await db.PhoneModels.AnyAsync(m => m.Id == pm, ct))
            errors["phoneModelId"] = ["Give the ID of a phone model from the Phone Models page."];
        // A phone must never download a broken file: the body parses and reads only the variables phones.md lists.
        if (LiquidBody.Parse(Body ?? "").Problem is { } problem) errors["body"] = [problem];
        return errors;
    }
}
