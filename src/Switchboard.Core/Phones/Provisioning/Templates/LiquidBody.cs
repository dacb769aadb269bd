using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace Switchboard.Core.Phones.Provisioning.Templates;

/// <summary>
/// A template body parsed with Liquid, and what saving thinks of it: <see cref="Problem"/> is null when
/// the body parses, reads only the variables of <see cref="ProvisioningVariables"/> (or names it defines
/// itself with assign, capture, for or tablerow) and uses no tag that would reach outside the one file.
/// A body that parses but has a problem (stored before the rule) still renders: unknown names render empty.
/// </summary>
public sealed partial class LiquidBody
{
    private static readonly FluidParser Parser = new();

    /// <summary>The parsed template; null when the body does not parse.</summary>
    public IFluidTemplate? Template { get; }

    /// <summary>Why saving refuses this body (names the line of a syntax error, or lists the known variables); null when it may be saved.</summary>
    public string? Problem { get; }

    private LiquidBody(IFluidTemplate? template, string? problem) => (Template, Problem) = (template, problem);

    public static LiquidBody Parse(string body)
    {
        if (!Parser.TryParse(body, out var template, out var error))
            return new LiquidBody(null, SyntaxProblem(error));
        var reads = new Reads();
        reads.VisitTemplate(template);
        if (reads.Tags.Count > 0)
            return new LiquidBody(template,
                $"Uses {string.Join(", ", reads.Tags.Order(StringComparer.Ordinal).Select(t => $"{{% {t} %}}"))}, which a provisioning template cannot: it is one file and reads no other. Remove the tag.");
        var unknown = reads.Read.Where(n => !ProvisioningVariables.Names.Contains(n) && !reads.Defined.Contains(n))
            .Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            return new LiquidBody(template,
                $"Reads {(unknown.Count == 1 ? "a variable" : "variables")} that no template has: {string.Join(", ", unknown)}. " +
                $"Known variables (names are case-sensitive): {ProvisioningVariables.List}; names the template defines itself with assign, capture or for are fine too.");
        return new LiquidBody(template, null);
    }

    [GeneratedRegex(@" at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();

    /// <summary>"Line 2, column 7: End of tag '}}' was expected." from Fluid's "... at (2:7)\nSource:\n...".</summary>
    private static string SyntaxProblem(string? error)
    {
        var first = (error ?? "The body is not valid Liquid.").Split('\n')[0].Trim();
        var at = Position().Match(first);
        if (!at.Success) return $"Is not valid Liquid: {first}";
        var what = Position().Replace(first, "").TrimEnd('.');
        var line = int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(at.Groups["column"].Value, CultureInfo.InvariantCulture);
        return $"Line {line}, column {column}: {what}. Fix the Liquid there (tags are {{% ... %}}, values {{{{ ... }}}}).";
    }

    /// <summary>The top-level names a template reads, the names it defines, and tags that reach outside the file.</summary>
    private sealed class Reads : AstVisitor
    {
        public readonly HashSet<string> Read = new(StringComparer.Ordinal);
        public readonly HashSet<string> Defined = new(StringComparer.Ordinal);
        public readonly HashSet<string> Tags = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression e)
        {
            if (e.Segments.Count > 0 && e.Segments[0] is IdentifierSegment id) Read.Add(id.Identifier);
            return base.VisitMemberExpression(e);
        }

        protected override Statement VisitAssignStatement(AssignStatement s)
        {
            Defined.Add(s.Identifier);
            return base.VisitAssignStatement(s);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement s)
        {
            Defined.Add(s.Identifier);
            return base.VisitCaptureStatement(s);
        }

        protected override Statement VisitForStatement(ForStatement s)
        {
            Defined.Add(s.Identifier);
            Defined.Add("forloop");
            return base.VisitForStatement(s);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement s)
        {
            Defined.Add(s.Identifier);
            Defined.Add("tablerowloop");
            return base.VisitTableRowStatement(s);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement s) { Tags.Add("include"); return s; }
        protected override Statement VisitRenderStatement(RenderStatement s) { Tags.Add("render"); return s; }
        protected override Statement VisitFromStatement(FromStatement s) { Tags.Add("from"); return s; }
        protected override Statement VisitMacroStatement(MacroStatement s) { Tags.Add("macro"); return s; }
    }
}
