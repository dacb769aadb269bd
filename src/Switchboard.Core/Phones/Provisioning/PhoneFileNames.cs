using System.Text.RegularExpressions;

namespace Switchboard.Core.Phones.Provisioning;

/// <summary>The shapes of per-phone file names (phones.md, "File names").</summary>
public enum FileShape { MacCfg, MacXml, GrandstreamXml, GrandstreamBare, CiscoSep, SnomHtm }

/// <summary>
/// Which per-phone file names each vendor's phones ask for, the MAC in them (any case, 12 hex digits
/// without separators), and the MAC a User-Agent carries. Common first files (y0000000000XX.cfg,
/// 000000000000.cfg, spa*.cfg) are not answered: phones go on to their own file.
/// </summary>
public static partial class PhoneFileNames
{
    /// <summary>The shape and MAC (AA:BB:CC:DD:EE:FF, as users store it) of a per-phone file name; null for any other name.</summary>
    public static (FileShape Shape, string Mac)? Parse(string file)
    {
        var m = Name().Match(file);
        if (!m.Success) return null;
        FileShape shape;
        string hex;
        if (m.Groups["mc"].Success) (shape, hex) = (FileShape.MacCfg, m.Groups["mc"].Value);
        else if (m.Groups["mx"].Success) (shape, hex) = (FileShape.MacXml, m.Groups["mx"].Value);
        else if (m.Groups["gx"].Success) (shape, hex) = (FileShape.GrandstreamXml, m.Groups["gx"].Value);
        else if (m.Groups["gb"].Success) (shape, hex) = (FileShape.GrandstreamBare, m.Groups["gb"].Value);
        else if (m.Groups["sep"].Success) (shape, hex) = (FileShape.CiscoSep, m.Groups["sep"].Value);
        else (shape, hex) = (FileShape.SnomHtm, m.Groups["sn"].Value);
        return (shape, Colons(hex));
    }

    /// <summary>Whether phones of <paramref name="vendor"/> (the phone model's, any case) ask for files of this shape.</summary>
    public static bool VendorUses(string vendor, FileShape shape) => vendor.Trim().ToLowerInvariant() switch
    {
        "yealink" or "fanvil" or "polycom" => shape == FileShape.MacCfg,
        "grandstream" => shape is FileShape.GrandstreamXml or FileShape.GrandstreamBare,
        "cisco" => shape is FileShape.MacXml or FileShape.MacCfg or FileShape.CiscoSep,
        "snom" => shape is FileShape.MacXml or FileShape.SnomHtm,
        _ => shape is FileShape.MacCfg or FileShape.MacXml,
    };

    /// <summary>text/xml for .xml names, text/plain otherwise.</summary>
    public static string ContentType(string file) =>
        file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "text/xml; charset=utf-8" : "text/plain; charset=utf-8";

    /// <summary>Whether the User-Agent names a MAC other than <paramref name="mac"/> (one without any MAC is fine).</summary>
    public static bool AgentNamesAnotherMac(string? userAgent, string mac)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        foreach (Match m in AgentMac().Matches(userAgent))
        {
            var hex = m.Value.Replace(":", "").Replace("-", "");
            if (!string.Equals(Colons(hex), mac, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string Colons(string hex)
    {
        var u = hex.ToUpperInvariant();
        return string.Join(':', Enumerable.Range(0, 6).Select(i => u.Substring(i * 2, 2)));
    }

    [GeneratedRegex(@"^(?:(?<mc>[0-9a-f]{12})\.cfg|(?<mx>[0-9a-f]{12})\.xml|cfg(?<gx>[0-9a-f]{12})\.xml|cfg(?<gb>[0-9a-f]{12})|sep(?<sep>[0-9a-f]{12})\.cnf\.xml|snom[^/]*-(?<sn>[0-9a-f]{12})\.htm)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Name();

    // Six pairs with ':' or '-' between, or twelve hex digits standing alone (Grandstream's "DevId 000b828aa872").
    [GeneratedRegex(@"(?<![0-9a-f])(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}(?![0-9a-f])|(?<![0-9a-f:.-])[0-9a-f]{12}(?![0-9a-f])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgentMac();
}
