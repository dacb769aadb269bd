using System.Text;

namespace Switchboard.Tests.Properties;

/// <summary>
/// Random files for the reader: raw bytes, text from a CSV-hostile alphabet, and mutations of a
/// well-formed users.csv (bytes flipped, inserted, deleted, duplicated, truncated, re-encoded).
/// </summary>
public sealed class Fuzz(Random random)
{
    private static readonly string[] Tokens =
    [
        ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "'", "=", "+", "-", "@", " ", "\0", "\u00A0", "\u200B", "\u202E",
        "\uFEFF", "é", "Ω", "日本", "😀", "\uD800", "\uDFFF", "<script>", "ID", "Email", "Extension", "First Name",
        "generate", "201", "0", "1.5E+10", "a@b.io", "00:15:65:12:34:AB", ",,,,", "\"a,b\"", "x",
    ];

    private static readonly byte[][] Boms = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]];

    /// <summary>A well-formed users.csv to mutate: every column, a few rows of plausible and odd values.</summary>
    public static readonly byte[] WellFormed = Encoding.UTF8.GetBytes(
        "ID,First Name,Last Name,Email,Web Passwords,Phone Secret,Voicemail Pin,Extension,Department,Language,Phone Model ID," +
        "Provisioning Template ID,Mac Address,User Profile ID,Forward Number,Followme Number,DND On,Callwaiting on,IP address\r\n" +
        ",Ann,Lee,ann@example.com,Web-Password-1,SipSecret4Phone77,4826,201,Sales,en,,,,,'+442079460000,,No,Yes,\r\n" +
        "10,\"O\"\"Neil, Ann\",'t Hooft,o@example.com,,,,202,'=1+1,fr,10,100,00:15:65:12:34:AB,50,,'0044 20,yes,no,10.0.0.1\r\n" +
        ",Zoë,Nakamura 中村,z@example.com,,generate,generate,203,\"Line one\r\nline two\",pt-BR,,,,,,,,,\r\n");

    public byte[] Next(int caseNumber) => (caseNumber % 5) switch
    {
        0 => RawBytes(),
        1 => HostileText(),
        2 => Structured(),
        _ => Mutated(WellFormed),
    };

    private static readonly string[] HeaderSpellings =
    [
        "ID", "First Name", "first_name", "Last Name", "LAST NAME", "Email", "Web Passwords", "web_password", "Phone Secret",
        "Voicemail Pin", "Extension", "extensions", "Department", "Language", "Phone Model ID", "Provisioning Template ID",
        "Mac Address", "mac-addresses", "User Profile ID", "Forward Number", "Followme Number", "DND On", "Callwaiting on",
        "IP address", "Client", "Notes", "", " ",
    ];

    private static readonly string[] Values =
    [
        "", " ", "10", "11", "-1", "99999999999", "Ann", "'t Hooft", "O'Neil", "=1+1", "'=1+1", "+442079460000", "'+44 20 7946",
        "1.41555E+10", "a@example.com", "A@EXAMPLE.COM", "not an email", "201", "0201", "911", "9110", "generate", "4826", "1234",
        "Kx7mPq2wZr9tYb4n", "short", "Web-Password-1", "00:15:65:12:34:AB", "01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "en", "French",
        "xx", "yes", "non", "wahr", "maybe", "Bridge, Deck 1", "Sales; EMEA", "The \"A\" team", "Line one\r\nline two", "tab\there",
        "\u202Egnp.exe", "zero\u200Bwidth", "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "中村", "😀", "<script>alert(1)</script>",
        "100", "50", "12:30", "3/4", "March 3", "TRUE",
    ];

    /// <summary>A file with a real header (random columns, spellings, order) and rows of plausible and hostile cells, properly quoted.</summary>
    private byte[] Structured()
    {
        var delimiter = ",;\t"[random.Next(3)];
        var newline = new[] { "\r\n", "\n", "\r" }[random.Next(3)];
        var columns = Enumerable.Range(0, random.Next(1, 14)).Select(_ => HeaderSpellings[random.Next(HeaderSpellings.Length)]).ToList();
        // Mostly distinct columns (a column twice is a file error, reached one time in ten).
        if (random.Next(10) != 0)
            columns = columns.DistinctBy(h => Switchboard.Core.Users.UserColumns.Match(h)?.ToString() ?? Guid.NewGuid().ToString()).ToList();
        var sb = new StringBuilder();
        void Row(IEnumerable<string> cells) => sb.Append(string.Join(delimiter, cells.Select(c =>
            c.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 || random.Next(8) == 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c))).Append(newline);
        Row(columns);
        var rows = random.Next(0, 12);
        for (var r = 0; r < rows; r++) Row(Enumerable.Range(0, random.Next(0, columns.Count + 2)).Select(_ => Values[random.Next(Values.Length)]));
        return Encode(sb.ToString());
    }

    private byte[] RawBytes()
    {
        var b = new byte[random.Next(0, 2048)];
        random.NextBytes(b);
        return random.Next(3) == 0 ? [.. Boms[random.Next(Boms.Length)], .. b] : b;
    }

    private byte[] HostileText()
    {
        var sb = new StringBuilder();
        if (random.Next(2) == 0) sb.Append("ID,First Name,Last Name,Email,Extension\r\n");
        var n = random.Next(0, 200);
        for (var i = 0; i < n; i++) sb.Append(Tokens[random.Next(Tokens.Length)]);
        return Encode(sb.ToString());
    }

    private byte[] Encode(string text)
    {
        // Lone surrogates are kept as they are in UTF-16, and become replacement bytes in UTF-8.
        return random.Next(6) switch
        {
            0 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            1 => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            2 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            3 => Encoding.Latin1.GetBytes(text),
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private byte[] Mutated(byte[] source)
    {
        var b = new List<byte>(source);
        var edits = random.Next(1, 12);
        for (var e = 0; e < edits && b.Count > 0; e++)
        {
            var at = random.Next(b.Count);
            switch (random.Next(7))
            {
                case 0: b[at] = (byte)random.Next(256); break;
                case 1: b[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: b.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                case 3: b.RemoveRange(at, Math.Min(random.Next(1, 40), b.Count - at)); break;
                case 4:
                    var len = Math.Min(random.Next(1, 120), b.Count - at);
                    b.InsertRange(random.Next(b.Count), b.GetRange(at, len));
                    break;
                case 5: b.RemoveRange(at, b.Count - at); break;
                default: b.InsertRange(0, Boms[random.Next(Boms.Length)]); break;
            }
        }
        return [.. b];
    }
}
