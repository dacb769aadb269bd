namespace Switchboard.Core.Csv;

/// <summary>Limits that refuse a file whole. Bound from configuration section "Import".</summary>
public sealed record CsvLimits
{
    /// <summary>256 MB: an export of a million users of ordinary length (~150 MB) imports back whole.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;
    public int MaxRows { get; init; } = 1_000_000;
}

/// <summary>A file that cannot be read as a users.csv at all; the message is shown to the administrator.</summary>
public sealed class CsvFileException(string message) : Exception(message);
