using System.Collections.Concurrent;
using Fluid;
using Switchboard.Core.Data;

namespace Switchboard.Core.Phones.Provisioning.Templates;

/// <summary>
/// Renders provisioning templates (Liquid, through Fluid) for one user. Register as a singleton; it is
/// thread-safe. Use:
/// <code>
/// var values = ProvisioningValues.For(user, email, client, config["Sip:Server"], ProvisioningValues.PublicUrl(config, request));
/// string file = templates.Render(template, values);   // template: the user's ProvisioningTemplate as stored now
/// </code>
/// Parsed templates are cached by template ID together with the body they were parsed from, so an edit
/// (on this instance or another) is picked up at the next render without any invalidation call.
/// Rendering is sandboxed: templates see only <see cref="ProvisioningValues"/> (no .NET object is
/// exposed), no file can be included, and steps and output size are limited. Names outside the
/// variable table (templates stored before saving checked them) render empty. Nothing is
/// HTML-escaped: a template that writes XML escapes free text itself with Liquid's <c>escape</c> filter.
/// </summary>
public sealed class ProvisioningTemplates
{
    /// <summary>Output over this many characters stops the render: a phone's file is a few kilobytes.</summary>
    public const int MaxOutputCharacters = 1_000_000;
    /// <summary>Loops stop after this many steps, so no template can keep a request busy.</summary>
    public const int MaxSteps = 100_000;

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithModelNamesComparer(StringComparer.Ordinal)
        .WithMaxSteps(MaxSteps)
        .WithMaxOutputSize(MaxOutputCharacters)
        .WithMaxCollectionSize(10_000)
        .WithMaxRecursion(10)
        .Build();

    private readonly ConcurrentDictionary<int, (string Body, LiquidBody Parsed)> _cache = new();

    /// <summary>
    /// The template's body rendered with <paramref name="values"/>. Throws
    /// <see cref="ProvisioningTemplateException"/> (its message fit to show an administrator, never
    /// holding a value) when the stored body does not parse or a limit stops the render.
    /// </summary>
    public string Render(ProvisioningTemplate template, ProvisioningValues values) => Render(template.Id, template.Body, values);

    /// <summary>As <see cref="Render(ProvisioningTemplate, ProvisioningValues)"/>, for a template known by its ID and current body.</summary>
    public string Render(int templateId, string body, ProvisioningValues values)
    {
        var parsed = Parsed(templateId, body);
        if (parsed.Template is null) throw new ProvisioningTemplateException($"Template {templateId} does not parse: {parsed.Problem}");
        var context = new TemplateContext(Options, StringComparer.Ordinal);
        values.CopyTo(context);
        try
        {
            return parsed.Template.Render(context, NullEncoder.Default);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Limits and filters throw; the message names the limit, never a value.
            throw new ProvisioningTemplateException($"Template {templateId} could not render: {e.Message}");
        }
    }

    /// <summary>The body parsed (from the cache when this ID's body is unchanged), with its saving problem if any.</summary>
    public LiquidBody Parsed(int templateId, string body)
    {
        if (_cache.TryGetValue(templateId, out var hit) && string.Equals(hit.Body, body, StringComparison.Ordinal)) return hit.Parsed;
        var parsed = LiquidBody.Parse(body);
        _cache[templateId] = (body, parsed);
        return parsed;
    }
}

/// <summary>A template that cannot render; the message names the template and the reason, never a user's value.</summary>
public sealed class ProvisioningTemplateException(string message) : Exception(message);
