namespace Switchboard.Core.Users;

/// <summary>The columns of users.csv, in export order.</summary>
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
    public const int Count = 19;

    /// <summary>Header spellings as exported (ClusterPBX-style, so their files import as they are).</summary>
    public static readonly string[] Headers =
    [
        "ID", "First Name", "Last Name", "Email", "Web Passwords", "Phone Secret", "Voicemail Pin",
        "Extension", "Department", "Language", "Phone Model ID", "Provisioning Template ID",
        "Mac Address", "User Profile ID", "Forward Number", "Followme Number", "DND On",
        "Callwaiting on", "IP address",
    ];

    /// <summary>camelCase names used by the JSON API and in validation problem keys.</summary>
    public static readonly string[] JsonNames =
    [
        "id", "firstName", "lastName", "email", "webPassword", "phoneSecret", "voicemailPin",
        "extension", "department", "language", "phoneModelId", "provisioningTemplateId",
        "macAddress", "userProfileId", "forwardNumber", "followmeNumber", "dndOn", "callWaitingOn",
        "ipAddress",
    ];

    public static string Header(this UserColumn c) => Headers[(int)c];

    public static string JsonName(this UserColumn c) => JsonNames[(int)c];

    public static bool IsSecret(this UserColumn c) =>
        c is UserColumn.WebPassword or UserColumn.PhoneSecret or UserColumn.VoicemailPin;

    /// <summary>Columns a new user cannot do without.</summary>
    public static readonly UserColumn[] RequiredOnCreate =
        [UserColumn.FirstName, UserColumn.LastName, UserColumn.Email, UserColumn.Extension];

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
        for (var i = 0; i < Count; i++)
        {
            d[Key(Headers[i])] = (UserColumn)i;
            d[Key(JsonNames[i])] = (UserColumn)i;
        }
        d[Key("Call Waiting On")] = UserColumn.CallWaitingOn;
        d[Key("Follow Me Number")] = UserColumn.FollowmeNumber;
        d[Key("Voicemail PIN")] = UserColumn.VoicemailPin;
        d[Key("User ID")] = UserColumn.Id;
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
