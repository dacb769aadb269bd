using System.Globalization;
using System.Text;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Values;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Properties;

/// <summary>
/// Valid users with the values that break spreadsheets and CSV writers: text starting with
/// = + - @ or an apostrophe, quotes, commas, semicolons, non-Latin scripts, right-to-left text,
/// emoji, digits a spreadsheet would turn into numbers or dates. Each user is the cells an export
/// shows for it, unguarded ("" where empty); the ID is left to the server.
/// </summary>
public sealed class UserGenerator(Random random, int phoneModel, int template, int profile)
{
    private static readonly string[] Words =
    [
        "Ann", "Zoë", "Ångström", "Иван", "Ελένη", "محمد", "שרה", "中村", "さくら", "김민준", "देवी", "สมชาย", "Nguyễn", "Øyvind",
        "😀", "👩🏽", "🎉", "O'Neil", "'t Hooft", "d'Arc", "\"Ace\"", "Bridge, Deck 1", "Sales; EMEA", "A,B;C", "=1+1",
        "=HYPERLINK(\"http://x\")", "+44", "-5", "@home", "3/4", "12:30", "March 3", "TRUE", "faux", "058213", "1.5", "1E5",
        "123456789012345", "<b>x</b>", "&amp;", "%s", "{0}", "\\", "x", "Ü", "ß",
    ];

    private static readonly string[] FormulaStarts = ["=", "+", "-", "@", "'", "''", "'="];
    private static readonly string[] Separators = [" ", "-", "", ", ", "; ", "\"", "'"];
    private static readonly string[] EmailLocals = ["ann", "o'neil", "=x", "+tag", "-dash", "q\"uote", "a,b", "semi;colon", "用户", "zoë", "'quoted'"];
    private static readonly string[] Domains = ["example.com", "例子.中国", "sub.example.co.uk", "xn--bcher-kva.example"];
    private static readonly string[] Languages = ["", "", .. LanguageValue.Codes];
    private const string SecretChars = "abcXYZéЖλ0123456789=+-@'\";,<>&!#%*";

    private readonly HashSet<string> _extensions = [];
    private readonly HashSet<string> _macs = [];
    private int _count;

    public Dictionary<C, string> Next()
    {
        var n = _count++;
        var extension = Unique(_extensions, () => Digits(random.Next(2, 9), leadingZero: false), e => ExtensionValue.Check(e) is null);
        var desk = random.Next(3) == 0;
        return new Dictionary<C, string>
        {
            [C.FirstName] = Text(),
            [C.LastName] = Text(),
            [C.Email] = $"{Pick(EmailLocals)}{n}.{random.Next(1000)}@{Pick(Domains)}",
            [C.PhoneSecret] = Secret(extension),
            [C.VoicemailPin] = Until(() => Digits(random.Next(4, 11), leadingZero: true), p => PinValue.Check(p, extension) is null),
            [C.Extension] = extension,
            [C.Department] = random.Next(4) == 0 ? "" : Text(),
            [C.Language] = Pick(Languages),
            [C.PhoneModelId] = desk ? I(phoneModel) : "",
            [C.ProvisioningTemplateId] = desk ? I(template) : "",
            [C.MacAddress] = desk ? Unique(_macs, Mac, _ => true) : "",
            [C.UserProfileId] = random.Next(3) == 0 ? I(profile) : "",
            [C.ForwardNumber] = random.Next(2) == 0 ? "" : Dial(),
            [C.FollowmeNumber] = random.Next(2) == 0 ? "" : Dial(),
            [C.DndOn] = BooleanValue.Format(random.Next(2) == 0),
            [C.CallWaitingOn] = BooleanValue.Format(random.Next(2) == 0),
        };
    }

    public List<Dictionary<C, string>> Next(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    /// <summary>1 to 64 characters of words, marks and scripts; trimmed, no control or invisible characters.</summary>
    private string Text()
    {
        while (true)
        {
            var sb = new StringBuilder();
            if (random.Next(4) == 0) sb.Append(Pick(FormulaStarts));
            var words = random.Next(1, 4);
            for (var i = 0; i < words; i++)
            {
                if (i > 0) sb.Append(Pick(Separators));
                sb.Append(Pick(Words));
            }
            var text = CutToRunes(sb.ToString(), TextValue.MaxName).Trim();
            if (text.Length > 0 && TextValue.Check(text, TextValue.MaxName) is null) return text;
        }
    }

    private static string CutToRunes(string s, int maxChars)
    {
        if (s.Length <= maxChars) return s;
        var sb = new StringBuilder();
        foreach (var r in s.EnumerateRunes())
        {
            if (sb.Length + r.Utf16SequenceLength > maxChars) break;
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    private string Secret(string extension) => Until(() =>
    {
        var sb = new StringBuilder();
        if (random.Next(3) == 0) sb.Append(Pick(FormulaStarts));
        var length = random.Next(PhoneSecretValue.MinLength, 40);
        while (sb.Length < length) sb.Append(SecretChars[random.Next(SecretChars.Length)]);
        return sb.Append('7').Append('q').ToString();
    }, s => PhoneSecretValue.Check(s, extension) is null);

    private string Dial() => (random.Next(2) == 0 ? "+" : "") + Digits(random.Next(2, 21), leadingZero: true);

    private string Mac()
    {
        var b = new byte[6];
        random.NextBytes(b);
        b[0] &= 0xFE; // unicast
        b[5] |= 0x01; // never all zero
        return string.Join(":", b.Select(x => x.ToString("X2", CultureInfo.InvariantCulture)));
    }

    private string Digits(int length, bool leadingZero)
    {
        var sb = new StringBuilder();
        sb.Append((char)('0' + (leadingZero ? random.Next(10) : random.Next(1, 10))));
        while (sb.Length < length) sb.Append((char)('0' + random.Next(10)));
        return sb.ToString();
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];

    private static string Until(Func<string> make, Func<string, bool> ok)
    {
        while (true)
        {
            var v = make();
            if (ok(v)) return v;
        }
    }

    private static string Unique(HashSet<string> taken, Func<string> make, Func<string, bool> ok) =>
        Until(make, v => ok(v) && taken.Add(v));

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
}
