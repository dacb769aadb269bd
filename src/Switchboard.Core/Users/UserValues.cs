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

    /// <summary>Whether every audited field is the same (the password is not a field here: it is only ever set).</summary>
    public bool SameAs(UserValues o)
    {
        foreach (var f in UserColumns.Audited)
            if (!f.Same(this, o)) return false;
        return true;
    }

    /// <summary>The fields that differ, in users.csv order, for the audit log (see UserAudit: secrets are only named).</summary>
    public IEnumerable<UserColumn> Changes(UserValues o) =>
        UserColumns.Audited.Where(f => !f.Same(this, o)).Select(f => f.Column);
}
