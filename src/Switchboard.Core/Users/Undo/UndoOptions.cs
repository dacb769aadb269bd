namespace Switchboard.Core.Users.Undo;

/// <summary>How long an import can be undone. Bound from configuration section "Import" (Import:UndoDays).</summary>
public sealed class UndoOptions
{
    /// <summary>Days after an import finished during which it can be undone; then what it kept for that is deleted.</summary>
    public double UndoDays { get; set; } = 7;

    public TimeSpan Window => TimeSpan.FromDays(UndoDays);
}
