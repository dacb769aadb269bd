namespace Switchboard.Core.Commands;

/// <summary>NotFound: not there or not in the caller's scope (404). NotOwned: seen but not the caller's to change (403). InUse: something still depends on it (409).</summary>
public enum DeleteOutcome { Deleted, NotFound, NotOwned, InUse }

/// <summary>What a delete did, with the sentence to show when it did not.</summary>
public sealed record DeleteResult(DeleteOutcome Outcome, string Message)
{
    public static DeleteResult Deleted(string message) => new(DeleteOutcome.Deleted, message);
    public static DeleteResult NotFound(string message) => new(DeleteOutcome.NotFound, message);
    public static DeleteResult NotOwned(string message) => new(DeleteOutcome.NotOwned, message);
    public static DeleteResult InUse(string message) => new(DeleteOutcome.InUse, message);
}
