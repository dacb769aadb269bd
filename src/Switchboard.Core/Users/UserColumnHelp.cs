using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Core.Users;

/// <summary>
/// One line of help per users.csv column (the Import page's column help; docs/users-csv.md has the
/// whole rules). A switch over every column, so a new column cannot go without its line.
/// </summary>
public static class UserColumnHelp
{
    public static string Help(this UserColumn column) => column switch
    {
        C.Id => "Empty for a new user; the user's ID to change that user. Never changes.",
        C.FirstName => "Required, up to 64 characters.",
        C.LastName => "Required, up to 64 characters.",
        C.Email => "Required; the user's web login, unique across the whole system.",
        C.WebPassword => "Sets the web password (at least 10 characters). Empty: no change; never exported.",
        C.PhoneSecret => "SIP password, at least 12 characters with letters and digits. Empty: generated for a new user, unchanged otherwise; 'generate' makes a new one.",
        C.VoicemailPin => "4 to 10 digits, not easy to guess. Empty: generated for a new user, unchanged otherwise; 'generate' makes a new one.",
        C.Extension => "Required; 2 to 8 digits, not starting with 0, unique in the client.",
        C.Department => "Optional, up to 64 characters. Empty clears it.",
        C.Language => "Voice prompt language, e.g. en, fr-CA, de or French. Empty: the client's default.",
        C.PhoneModelId => "ID from the Phone Models page, with a template and MAC for a desk phone. Empty: softphone.",
        C.ProvisioningTemplateId => "ID from the Provisioning Templates page, made for that phone model. Empty: softphone.",
        C.MacAddress => "The desk phone's MAC address (12 hex digits). Required for a desk phone.",
        C.UserProfileId => "ID from the User Profiles page. Empty clears it.",
        C.ForwardNumber => "A number to forward to: optional + then 2 to 20 digits. Empty clears it.",
        C.FollowmeNumber => "A follow-me number: optional + then 2 to 20 digits. Empty clears it.",
        C.DndOn => "Do not disturb: Yes or No. Empty: off for a new user, unchanged otherwise.",
        C.CallWaitingOn => "Call waiting: Yes or No. Empty: on for a new user, unchanged otherwise.",
        C.IpAddress => "Shown by export (where the phone last fetched its file); never imported.",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
