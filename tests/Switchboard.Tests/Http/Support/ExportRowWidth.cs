using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Http.Support;

/// <summary>
/// How many bytes a row of users.csv takes as export writes it (the same cell writer and apostrophe
/// guard), for the widest user the rules allow and for a user with every field filled with ordinary
/// values. The import limits are judged against these.
/// </summary>
public static class ExportRowWidth
{
    /// <summary>One UTF-16 unit that UTF-8 writes in 3 bytes, the most any unit costs, and that every text rule allows.</summary>
    private const char Wide = '€';

    /// <summary>A letter of 3 bytes (phone secrets need a letter).</summary>
    private const char WideLetter = '漢';

    /// <summary>
    /// <paramref name="length"/> characters: one '"' (it makes the cell quoted and is written twice, the
    /// most a cell can add) and the rest 3-byte characters, after an optional short ASCII tag that keeps it unique.
    /// </summary>
    public static string WideText(int length, string tag = "") => "\"" + tag + new string(Wide, length - 1 - tag.Length);

    /// <summary>An email of 254 characters, as wide as one can be (a tag of digits keeps it unique).</summary>
    public static string WideEmail(string tag = "") => WideText(254 - 4, tag) + "@" + Wide + "." + Wide;

    /// <summary>A phone secret of 128 characters with a letter and a digit, as wide as one can be.</summary>
    public static string WideSecret() => "\"" + WideLetter + new string(Wide, 128 - 3) + "1";

    /// <summary>The widest user's cells, in the form export writes them (IDs at their largest, an IPv6 address at its longest).</summary>
    public static Dictionary<C, string> Widest() => new()
    {
        [C.Id] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [C.FirstName] = WideText(64), [C.LastName] = WideText(64), [C.Email] = WideEmail(),
        [C.WebPassword] = "", [C.PhoneSecret] = WideSecret(), [C.VoicemailPin] = "5038271946", [C.Extension] = "29999999",
        [C.Department] = WideText(64), [C.Language] = "en-US",
        [C.PhoneModelId] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [C.ProvisioningTemplateId] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [C.MacAddress] = "AA:BB:CC:DD:EE:FF", [C.UserProfileId] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [C.ForwardNumber] = "+" + new string('4', 20), [C.FollowmeNumber] = "+" + new string('3', 20),
        [C.DndOn] = "Yes", [C.CallWaitingOn] = "Yes", [C.IpAddress] = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
    };

    /// <summary>
    /// A user of a large client with every field filled with ordinary values, secrets exported too:
    /// a name and surname of 12 and 14 letters, a 40-character email, a 16-character generated secret,
    /// a 6-digit PIN and IDs, a desk phone, two international numbers, an IPv4 address.
    /// </summary>
    public static Dictionary<C, string> OrdinaryFull() => new()
    {
        [C.Id] = "999999", [C.FirstName] = "Maximiliane", [C.LastName] = "Vandenberghe-K", [C.Email] = "maximiliane.vandenberghe@acme-corp.example",
        [C.WebPassword] = "", [C.PhoneSecret] = "k7Hq2ZpW9xRt4mNa", [C.VoicemailPin] = "503827", [C.Extension] = "4821",
        [C.Department] = "Customer Support", [C.Language] = "en-GB", [C.PhoneModelId] = "999999", [C.ProvisioningTemplateId] = "999999",
        [C.MacAddress] = "AA:BB:CC:DD:EE:FF", [C.UserProfileId] = "999999", [C.ForwardNumber] = "+442079460018", [C.FollowmeNumber] = "+14155550123",
        [C.DndOn] = "Yes", [C.CallWaitingOn] = "Yes", [C.IpAddress] = "203.0.113.254",
    };

    /// <summary>The bytes of the header row, byte-order mark included.</summary>
    public static int HeaderBytes()
    {
        using var bytes = new MemoryStream();
        using (var text = CsvText.Writer(bytes))
        {
            var w = new CsvText(text);
            foreach (var h in UserColumns.Headers) w.Cell(h);
            w.EndRow();
        }
        return (int)bytes.Length;
    }

    /// <summary>The bytes of one data row with these cells, written as export writes them.</summary>
    public static int RowBytes(IReadOnlyDictionary<C, string> cells)
    {
        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" })
        {
            var w = new CsvText(text);
            foreach (var f in UserColumns.Fields) w.Cell(SpreadsheetGuard.Protect(cells[f.Column], f.Guard));
            w.EndRow();
        }
        return (int)bytes.Length;
    }
}
