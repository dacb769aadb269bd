namespace Switchboard.Core.Users.Values;

public static class BooleanValue
{
    private static readonly Dictionary<string, bool> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = true, ["no"] = false, ["y"] = true, ["n"] = false, ["true"] = true, ["false"] = false,
        ["1"] = true, ["0"] = false, ["on"] = true, ["off"] = false,
        ["vrai"] = true, ["faux"] = false, ["oui"] = true, ["non"] = false,
        ["wahr"] = true, ["falsch"] = false, ["ja"] = true, ["nein"] = false,
        ["verdadero"] = true, ["falso"] = false, ["sí"] = true, ["si"] = true,
    };

    public static bool TryParse(string value, out bool result) => Words.TryGetValue(value.Trim(), out result);

    public static string Format(bool value) => value ? "Yes" : "No";

    public const string Problem = "Is not a yes/no value. Use Yes or No (also accepted: y/n, true/false, 1/0, on/off, oui/non, ja/nein, sí/no).";
}
