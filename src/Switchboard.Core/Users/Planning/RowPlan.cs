namespace Switchboard.Core.Users.Planning;

/// <summary>What a row does; <see cref="Deleted"/> only comes from an undo (an import never deletes users).</summary>
public enum RowOutcome { Created, Updated, Unchanged, Failed, Deleted }

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
    /// <summary>An undo gives back "no web password": the sign-in's hash is removed.</summary>
    public bool ClearsPassword { get; set; }
    /// <summary>Sets the web password (a new hash, or none again).</summary>
    public bool SetsPassword => NewPasswordHash is not null || NewPassword is not null || ClearsPassword;
    // Created on first use: most rows of a large file have neither.
    public List<Cause> Causes => _causes ??= [];
    public List<string> Warnings => _warnings ??= [];
    private List<Cause>? _causes;
    private List<string>? _warnings;

    public bool Fails => _causes is { Count: > 0 };
    public bool HasWarnings => _warnings is { Count: > 0 };
    public bool Changes => Outcome is RowOutcome.Created or RowOutcome.Updated or RowOutcome.Deleted;
}
