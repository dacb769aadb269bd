using Switchboard.Core.Csv;
using C = Switchboard.Core.Users.UserColumn;
using G = Switchboard.Core.Csv.SpreadsheetGuard.Kind;
using R = Switchboard.Core.Users.UserRule;

namespace Switchboard.Core.Users;

/// <summary>The columns of users.csv, in export order (<see cref="UserColumns.Fields"/> describes each).</summary>
public enum UserColumn
{
    Id,
    FirstName,
    LastName,
    Email,
    WebPassword,
    PhoneSecret,
    VoicemailPin,
    Extension,
    Department,
    Language,
    PhoneModelId,
    ProvisioningTemplateId,
    MacAddress,
    UserProfileId,
    ForwardNumber,
    FollowmeNumber,
    DndOn,
    CallWaitingOn,
    IpAddress,
}

public static class UserColumns
{
    /// <summary>
    /// The one table of a user's fields, in users.csv order. Adding a field: the entity
    /// (Data/Entities.cs) and <see cref="UserValues"/>, a row here, a migration, and its rule.
    /// Headers are ClusterPBX-style, so their files import as they are.
    /// </summary>
    public static readonly UserField[] Fields =
    [
        new() { Column = C.Id, Header = "ID", JsonName = "id", Rule = R.Key, Aliases = ["User ID"],
                Number = v => v.Id, SetNumber = (v, x) => v.Id = x ?? 0 },
        new() { Column = C.FirstName, Header = "First Name", JsonName = "firstName", Rule = R.RequiredName, DbColumn = "FirstName", Audited = true,
                Text = v => v.FirstName, SetText = (v, x) => v.FirstName = x ?? "" },
        new() { Column = C.LastName, Header = "Last Name", JsonName = "lastName", Rule = R.RequiredName, DbColumn = "LastName", Audited = true,
                Text = v => v.LastName, SetText = (v, x) => v.LastName = x ?? "" },
        new() { Column = C.Email, Header = "Email", JsonName = "email", Rule = R.Email, Audited = true,
                Text = v => v.Email, SetText = (v, x) => v.Email = x ?? "" },
        new() { Column = C.WebPassword, Header = "Web Passwords", JsonName = "webPassword", Rule = R.WebPassword, Secret = true, SelfService = true },
        new() { Column = C.PhoneSecret, Header = "Phone Secret", JsonName = "phoneSecret", Rule = R.Secret, DbColumn = "PhoneSecret", Secret = true, Audited = true,
                Text = v => v.PhoneSecret, SetText = (v, x) => v.PhoneSecret = x ?? "" },
        new() { Column = C.VoicemailPin, Header = "Voicemail Pin", JsonName = "voicemailPin", Rule = R.Secret, DbColumn = "VoicemailPin", Secret = true, Audited = true,
                Guard = G.Always, SelfService = true, Aliases = ["Voicemail PIN"],
                Text = v => v.VoicemailPin, SetText = (v, x) => v.VoicemailPin = x ?? "" },
        new() { Column = C.Extension, Header = "Extension", JsonName = "extension", Rule = R.Extension, DbColumn = "Extension", Audited = true,
                Text = v => v.Extension, SetText = (v, x) => v.Extension = x ?? "" },
        new() { Column = C.Department, Header = "Department", JsonName = "department", Rule = R.Name, DbColumn = "Department", Audited = true,
                Text = v => v.Department, SetText = (v, x) => v.Department = x },
        new() { Column = C.Language, Header = "Language", JsonName = "language", Rule = R.Language, DbColumn = "Language", Audited = true,
                Text = v => v.Language, SetText = (v, x) => v.Language = x },
        new() { Column = C.PhoneModelId, Header = "Phone Model ID", JsonName = "phoneModelId", Rule = R.Reference, DbColumn = "PhoneModelId", Audited = true,
                Page = "Phone Models", Number = v => v.PhoneModelId, SetNumber = (v, x) => v.PhoneModelId = x },
        new() { Column = C.ProvisioningTemplateId, Header = "Provisioning Template ID", JsonName = "provisioningTemplateId", Rule = R.Reference,
                DbColumn = "ProvisioningTemplateId", Audited = true, Page = "Provisioning Templates",
                Number = v => v.ProvisioningTemplateId, SetNumber = (v, x) => v.ProvisioningTemplateId = x },
        new() { Column = C.MacAddress, Header = "Mac Address", JsonName = "macAddress", Rule = R.Mac, DbColumn = "MacAddress", Audited = true, Guard = G.Never,
                Text = v => v.MacAddress, SetText = (v, x) => v.MacAddress = x },
        new() { Column = C.UserProfileId, Header = "User Profile ID", JsonName = "userProfileId", Rule = R.Reference, DbColumn = "UserProfileId", Audited = true,
                Page = "User Profiles", Number = v => v.UserProfileId, SetNumber = (v, x) => v.UserProfileId = x },
        new() { Column = C.ForwardNumber, Header = "Forward Number", JsonName = "forwardNumber", Rule = R.DialString, DbColumn = "ForwardNumber", Audited = true,
                Guard = G.Always, SelfService = true, Text = v => v.ForwardNumber, SetText = (v, x) => v.ForwardNumber = x },
        new() { Column = C.FollowmeNumber, Header = "Followme Number", JsonName = "followmeNumber", Rule = R.DialString, DbColumn = "FollowmeNumber", Audited = true,
                Guard = G.Always, SelfService = true, Aliases = ["Follow Me Number"],
                Text = v => v.FollowmeNumber, SetText = (v, x) => v.FollowmeNumber = x },
        new() { Column = C.DndOn, Header = "DND On", JsonName = "dndOn", Rule = R.Switch, DbColumn = "DndOn", Audited = true, SelfService = true,
                Switch = v => v.DndOn, SetSwitch = (v, x) => v.DndOn = x },
        new() { Column = C.CallWaitingOn, Header = "Callwaiting on", JsonName = "callWaitingOn", Rule = R.Switch, DbColumn = "CallWaitingOn", Audited = true,
                SelfService = true, Aliases = ["Call Waiting On"], Switch = v => v.CallWaitingOn, SetSwitch = (v, x) => v.CallWaitingOn = x },
        new() { Column = C.IpAddress, Header = "IP address", JsonName = "ipAddress", Rule = R.ReadOnly, DbColumn = "IpAddress",
                Text = v => v.IpAddress, SetText = (v, x) => v.IpAddress = x },
    ];

    public static readonly int Count = CheckOrder();

    /// <summary>Header spellings as exported.</summary>
    public static readonly string[] Headers = [.. Fields.Select(f => f.Header)];

    /// <summary>camelCase names used by the JSON API and in validation problem keys.</summary>
    public static readonly string[] JsonNames = [.. Fields.Select(f => f.JsonName)];

    /// <summary>The fields the writers set in "Users", in this order.</summary>
    public static readonly UserField[] Written = [.. Fields.Where(f => f.DbColumn is not null && f.Rule != R.ReadOnly)];

    /// <summary>The fields stored sealed, in this order (see Secrets/SecretBox).</summary>
    public static readonly UserField[] Sealed = [.. Fields.Where(f => f.Sealed)];

    /// <summary>The fields compared for changes and audited, in this order.</summary>
    public static readonly UserField[] Audited = [.. Fields.Where(f => f.Audited)];

    /// <summary>What a PBX user may change about themselves.</summary>
    public static readonly UserColumn[] SelfService = [.. Fields.Where(f => f.SelfService).Select(f => f.Column)];

    /// <summary>What a form or API body may set (not the ID, which names the user, nor read-only fields).</summary>
    public static readonly UserColumn[] Settable = [.. Fields.Where(f => f.Rule is not (R.Key or R.ReadOnly)).Select(f => f.Column)];

    /// <summary>Columns a new user cannot do without.</summary>
    public static readonly UserColumn[] RequiredOnCreate =
        [.. Fields.Where(f => f.Rule is R.RequiredName or R.Email or R.Extension).Select(f => f.Column)];

    public static UserField Field(this UserColumn c) => Fields[(int)c];

    public static string Header(this UserColumn c) => Fields[(int)c].Header;

    public static string JsonName(this UserColumn c) => Fields[(int)c].JsonName;

    public static bool IsSecret(this UserColumn c) => Fields[(int)c].Secret;

    public static SpreadsheetGuard.Kind GuardKind(this UserColumn c) => Fields[(int)c].Guard;

    private static int CheckOrder()
    {
        for (var i = 0; i < Fields.Length; i++)
            if ((int)Fields[i].Column != i) throw new InvalidOperationException($"UserColumns.Fields[{i}] is {Fields[i].Column}: keep the table in enum order.");
        return Fields.Length;
    }

    private static readonly Dictionary<string, UserColumn> ByKey = BuildKeys();

    /// <summary>
    /// Forgiving header match: case, spaces, '_' and '-' and a plural 's' do not matter,
    /// so "web_password", "WEB PASSWORD" and "Mac Addresses" all match.
    /// </summary>
    public static UserColumn? Match(string header)
    {
        var key = Key(header);
        return ByKey.TryGetValue(key, out var c) ? c : null;
    }

    private static Dictionary<string, UserColumn> BuildKeys()
    {
        var d = new Dictionary<string, UserColumn>();
        foreach (var f in Fields)
        {
            d[Key(f.Header)] = f.Column;
            d[Key(f.JsonName)] = f.Column;
        }
        foreach (var f in Fields)
            foreach (var alias in f.Aliases) d[Key(alias)] = f.Column;
        return d;
    }

    internal static string Key(string header)
    {
        Span<char> buf = stackalloc char[Math.Min(header.Length, 128)];
        var n = 0;
        foreach (var ch in header)
        {
            if (n == buf.Length) break;
            if (char.IsLetterOrDigit(ch)) buf[n++] = char.ToLowerInvariant(ch);
        }
        var s = new string(buf[..n]);
        // Singular and plural match: drop trailing "es"/"s" ("addresses" -> "address", "passwords" -> "password").
        if (s.EndsWith("sses", StringComparison.Ordinal)) return s[..^2];
        if (s.EndsWith('s') && !s.EndsWith("ss", StringComparison.Ordinal)) return s[..^1];
        return s;
    }
}
