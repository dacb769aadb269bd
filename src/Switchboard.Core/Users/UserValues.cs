namespace Switchboard.Core.Users;

/// <summary>A user's fields as stored, or as a row or form would leave them.</summary>
public sealed class UserValues
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email
    {
        get => _email;
        set { _email = value; _normalizedEmail = null; }
    }
    public string PhoneSecret { get; set; } = "";
    public string VoicemailPin { get; set; } = "";
    public string Extension { get; set; } = "";
    public string? Department { get; set; }
    public string? Language { get; set; }
    public int? PhoneModelId { get; set; }
    public int? ProvisioningTemplateId { get; set; }
    public string? MacAddress { get; set; }
    public int? UserProfileId { get; set; }
    public string? ForwardNumber { get; set; }
    public string? FollowmeNumber { get; set; }
    public bool DndOn { get; set; }
    public bool CallWaitingOn { get; set; } = true;
    public string? IpAddress { get; set; }

    /// <summary>The email as uniqueness compares it; computed once, since the planner and writer ask often.</summary>
    public string NormalizedEmail => _normalizedEmail ??= Values.EmailValue.Normalize(_email);

    private string _email = "";
    private string? _normalizedEmail;

    public UserValues Clone() => (UserValues)MemberwiseClone();

    /// <summary>Whether every stored field is the same (the password is not a field here: it is only ever set).</summary>
    public bool SameAs(UserValues o) =>
        FirstName == o.FirstName && LastName == o.LastName && Email == o.Email && PhoneSecret == o.PhoneSecret &&
        VoicemailPin == o.VoicemailPin && Extension == o.Extension && Department == o.Department &&
        Language == o.Language && PhoneModelId == o.PhoneModelId && ProvisioningTemplateId == o.ProvisioningTemplateId &&
        MacAddress == o.MacAddress && UserProfileId == o.UserProfileId && ForwardNumber == o.ForwardNumber &&
        FollowmeNumber == o.FollowmeNumber && DndOn == o.DndOn && CallWaitingOn == o.CallWaitingOn;

    /// <summary>The fields that differ, in users.csv order, for the audit log (see UserAudit: secrets are only named).</summary>
    public IEnumerable<UserColumn> Changes(UserValues o)
    {
        if (FirstName != o.FirstName) yield return UserColumn.FirstName;
        if (LastName != o.LastName) yield return UserColumn.LastName;
        if (Email != o.Email) yield return UserColumn.Email;
        if (PhoneSecret != o.PhoneSecret) yield return UserColumn.PhoneSecret;
        if (VoicemailPin != o.VoicemailPin) yield return UserColumn.VoicemailPin;
        if (Extension != o.Extension) yield return UserColumn.Extension;
        if (Department != o.Department) yield return UserColumn.Department;
        if (Language != o.Language) yield return UserColumn.Language;
        if (PhoneModelId != o.PhoneModelId) yield return UserColumn.PhoneModelId;
        if (ProvisioningTemplateId != o.ProvisioningTemplateId) yield return UserColumn.ProvisioningTemplateId;
        if (MacAddress != o.MacAddress) yield return UserColumn.MacAddress;
        if (UserProfileId != o.UserProfileId) yield return UserColumn.UserProfileId;
        if (ForwardNumber != o.ForwardNumber) yield return UserColumn.ForwardNumber;
        if (FollowmeNumber != o.FollowmeNumber) yield return UserColumn.FollowmeNumber;
        if (DndOn != o.DndOn) yield return UserColumn.DndOn;
        if (CallWaitingOn != o.CallWaitingOn) yield return UserColumn.CallWaitingOn;
    }
}
