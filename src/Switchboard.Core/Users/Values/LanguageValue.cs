namespace Switchboard.Core.Users.Values;

public static class LanguageValue
{
    public static readonly string[] Codes =
        ["en", "en-US", "en-GB", "fr", "fr-CA", "de", "es", "it", "nl", "pt", "pt-BR", "pl", "sv"];

    private static readonly Dictionary<string, string> Lookup = Build();

    private static Dictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Codes)
        {
            d[c] = c;
            d[c.Replace('-', '_')] = c;
        }
        string[][] names =
        [
            ["English", "en"], ["American English", "en-US"], ["English (US)", "en-US"], ["US English", "en-US"],
            ["British English", "en-GB"], ["English (UK)", "en-GB"], ["UK English", "en-GB"],
            ["French", "fr"], ["Canadian French", "fr-CA"], ["French (Canada)", "fr-CA"], ["German", "de"],
            ["Spanish", "es"], ["Italian", "it"], ["Dutch", "nl"], ["Portuguese", "pt"],
            ["Brazilian Portuguese", "pt-BR"], ["Portuguese (Brazil)", "pt-BR"], ["Polish", "pl"], ["Swedish", "sv"],
        ];
        foreach (var n in names) d[n[0]] = n[1];
        return d;
    }

    public static bool TryNormalize(string value, out string code) => Lookup.TryGetValue(value.Trim(), out code!);

    public static string Problem(string value) =>
        $"Is not a supported language. Use one of {string.Join(", ", Codes)} (or its English name), or leave empty for the client default.";
}
