using System.Data.Common;
using System.Globalization;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Users;

/// <summary>Which rule of users.csv checks a field (see Planning/RowEvaluator), and so how it is stored.</summary>
public enum UserRule
{
    /// <summary>The user's ID: names the user to update; never set by a row.</summary>
    Key,
    /// <summary>Free text up to the name length, required.</summary>
    RequiredName,
    /// <summary>Free text up to the name length, or empty.</summary>
    Name,
    Email,
    /// <summary>Set only, hashed into the sign-in; never read back.</summary>
    WebPassword,
    /// <summary>Phone secret or PIN: generated when empty on create, sealed at rest.</summary>
    Secret,
    Extension,
    Language,
    /// <summary>The ID of a catalog item (phone model, template, profile), or empty.</summary>
    Reference,
    Mac,
    /// <summary>A number to dial, or empty.</summary>
    DialString,
    /// <summary>Yes or No.</summary>
    Switch,
    /// <summary>Shown and exported, never set by a row (filled in by the phone system).</summary>
    ReadOnly,
}

/// <summary>
/// One field of a user: its users.csv header, JSON name, database column, rule, and whether it is
/// secret and audited. Everything that moves a user between shapes (reader, writers, change
/// detection, audit, export, API and forms) works from <see cref="UserColumns.Fields"/>.
/// </summary>
public sealed class UserField
{
    public required UserColumn Column { get; init; }
    /// <summary>The users.csv header as exported.</summary>
    public required string Header { get; init; }
    /// <summary>camelCase name in the JSON API and in validation problem keys.</summary>
    public required string JsonName { get; init; }
    /// <summary>Other header spellings a file may use.</summary>
    public string[] Aliases { get; init; } = [];
    public required UserRule Rule { get; init; }
    /// <summary>The column of "Users" that holds it; null for the ID (the key) and the sign-in's email and password.</summary>
    public string? DbColumn { get; init; }
    /// <summary>Never shown in an audit entry or a report, only named; exported only when asked for.</summary>
    public bool Secret { get; init; }
    /// <summary>Compared for changes and recorded in the audit log (a secret only by name).</summary>
    public bool Audited { get; init; }
    /// <summary>How the spreadsheet guard treats the column (export and import share this).</summary>
    public SpreadsheetGuard.Kind Guard { get; init; } = SpreadsheetGuard.Kind.Text;
    /// <summary>A PBX user may change it on their own settings page.</summary>
    public bool SelfService { get; init; }
    /// <summary>For a <see cref="UserRule.Reference"/>: the page that lists the IDs.</summary>
    public string? Page { get; init; }

    /// <summary>Text fields' value (null = empty).</summary>
    public Func<UserValues, string?>? Text { get; init; }
    public Action<UserValues, string?>? SetText { get; init; }
    /// <summary>Numbers (IDs).</summary>
    public Func<UserValues, int?>? Number { get; init; }
    public Action<UserValues, int?>? SetNumber { get; init; }
    /// <summary>Yes/no fields.</summary>
    public Func<UserValues, bool>? Switch { get; init; }
    public Action<UserValues, bool>? SetSwitch { get; init; }

    /// <summary>Stored sealed (see Secrets/SecretBox).</summary>
    public bool Sealed => Secret && DbColumn is not null;

    /// <summary>Part of a user as stored (the web password is not: it is only ever set).</summary>
    public bool Stored => Text is not null || Number is not null || Switch is not null;

    public bool Same(UserValues a, UserValues b) =>
        Text is not null ? Text(a) == Text(b) : Number is not null ? Number(a) == Number(b) : Switch is null || Switch(a) == Switch(b);

    /// <summary>The value as users.csv, the audit log and the forms show it (null when empty).</summary>
    public string? Format(UserValues v) =>
        Text is not null ? Text(v)
        : Number is not null ? Number(v)?.ToString(CultureInfo.InvariantCulture)
        : Switch is not null ? BooleanValue.Format(Switch(v))
        : null;

    /// <summary>Reads the field from column <paramref name="i"/> of a row (a sealed field stays sealed).</summary>
    public void Read(DbDataReader r, int i, UserValues v)
    {
        if (Text is not null) SetText!(v, r.IsDBNull(i) ? null : r.GetString(i));
        else if (Number is not null) SetNumber!(v, r.IsDBNull(i) ? null : r.GetInt32(i));
        else SetSwitch!(v, r.GetBoolean(i));
    }
}
