namespace Switchboard.Core.Catalog;

public enum DeleteOutcome { Deleted, NotFound, NotOwned, InUse }

/// <summary>What a delete did, with the sentence to show when it did not.</summary>
public sealed record DeleteResult(DeleteOutcome Outcome, string Message);
