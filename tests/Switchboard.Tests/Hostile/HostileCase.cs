namespace Switchboard.Tests.Hostile;

/// <summary>One hostile file, how it is made, and what the import must do with it.</summary>
public sealed record HostileCase(string Name, Func<byte[]> Bytes, Outcome Expected)
{
    /// <summary>The upload's file name (some cases attack the name itself).</summary>
    public string FileName { get; init; } = "users.csv";

    /// <summary>A further check on the client's export after the import (null = none); returns what is wrong, or null.</summary>
    public Func<List<Dictionary<string, string>>, string?>? Export { get; init; }

    public override string ToString() => Name;
}

public abstract record Outcome;

/// <summary>Refused whole: status failed, one message that mentions <paramref name="Mentions"/>, all counts 0, nothing written.</summary>
public sealed record Refused(string Mentions) : Outcome;

/// <summary>
/// Refused by the upload itself, before the rest of the body is read: 413 with a problem whose detail
/// mentions <paramref name="Mentions"/>; no job is queued, nothing written.
/// </summary>
public sealed record RefusedAtUpload(string Mentions) : Outcome;

/// <summary>
/// Read and applied row by row: these counts, and the failed rows with the columns their causes
/// name, as "row:Column,Column; row:Column" ("-" for a cause of the whole row, such as extra cells).
/// </summary>
public sealed record Applied(int Created, int Failed = 0, string Causes = "", string? Warns = null) : Outcome
{
    public Dictionary<int, string[]> CausesByRow() =>
        Causes.Length == 0
            ? []
            : Causes.Split(';').Select(r => r.Trim().Split(':')).ToDictionary(
                r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture),
                r => r[1].Split(',').Select(c => c.Trim() == "-" ? "" : c.Trim()).Order().ToArray());
}
