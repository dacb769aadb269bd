namespace Switchboard.Core.Users.Values;

public static class MacValue
{
    /// <summary>Canonical AA:BB:CC:DD:EE:FF when the value holds 12 hex digits once separators are removed; else null.</summary>
    public static string? Normalize(string value)
    {
        Span<char> hex = stackalloc char[12];
        var n = 0;
        foreach (var c in value)
        {
            if (c is ':' or '-' or '.' or ' ') continue;
            if (!char.IsAsciiHexDigit(c) || n == 12) return null;
            hex[n++] = char.ToUpperInvariant(c);
        }
        if (n != 12) return null;
        return string.Create(17, hex.ToString(), (dst, h) =>
        {
            for (var i = 0; i < 6; i++)
            {
                dst[i * 3] = h[i * 2];
                dst[i * 3 + 1] = h[i * 2 + 1];
                if (i < 5) dst[i * 3 + 2] = ':';
            }
        });
    }

    public static string? Check(string value)
    {
        var mac = Normalize(value);
        if (mac is null)
            return "Is not a MAC address: it needs 12 hex digits (e.g. 00:15:65:12:34:AB; ':', '-', '.' and spaces are ignored).";
        if (mac == "00:00:00:00:00:00") return "Is the all-zero address, which no phone has. Copy the MAC from the phone's label.";
        if (mac == "FF:FF:FF:FF:FF:FF") return "Is the broadcast address, which no phone has. Copy the MAC from the phone's label.";
        if ((Convert.ToByte(mac[..2], 16) & 1) == 1)
            return "Is a multicast address, which no phone has. Copy the MAC from the phone's label.";
        return null;
    }
}
