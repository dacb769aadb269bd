namespace Switchboard.Core.Users.Planning;

public enum RowOutcome { Created, Updated, Unchanged, Failed }

/// <summary>What one row does: its outcome, the user before and after, and every cause if it fails.</summary>
public sealed class RowPlan(UserInput input)
{
    public UserInput Input { get; } = input;
    public int Line => Input.Line;
    public RowOutcome Outcome { get; set; }
    public UserValues? Before { get; set; }
    public UserValues? After { get; set; }
    /// <summary>A new web password in plain text (hashed before writing, never stored or reported).</summary>
    public string? NewPassword { get; set; }
    public string? NewPasswordHash { get; set; }
    public List<Cause> Causes { get; } = [];
    public List<string> Warnings { get; } = [];

    public bool Fails => Causes.Count > 0;
    public bool Changes => Outcome is RowOutcome.Created or RowOutcome.Updated;
}
