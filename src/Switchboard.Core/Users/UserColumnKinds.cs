using Switchboard.Core.Csv;

namespace Switchboard.Core.Users;

public static class UserColumnKinds
{
    /// <summary>How the spreadsheet guard treats each column (export and import share this).</summary>
    public static SpreadsheetGuard.Kind GuardKind(this UserColumn c) => c switch
    {
        UserColumn.VoicemailPin or UserColumn.ForwardNumber or UserColumn.FollowmeNumber => SpreadsheetGuard.Kind.Always,
        UserColumn.MacAddress => SpreadsheetGuard.Kind.Never,
        _ => SpreadsheetGuard.Kind.Text,
    };
}
