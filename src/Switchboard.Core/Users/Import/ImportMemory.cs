namespace Switchboard.Core.Users.Import;

/// <summary>
/// The memory policy of a large import: full (compacting, blocking) collections between its phases
/// keep the server's peak memory down (measured: 100k rows stay under 500 MB). Below
/// <see cref="LargeFile"/> rows they would cost most of a small import's time, so they are skipped.
/// </summary>
public sealed class ImportMemory
{
    /// <summary>From this many rows on, an import collects between its phases.</summary>
    public const int LargeFile = 20_000;

    private bool _large;

    /// <summary>The file is read and has <paramref name="rows"/> rows (its bytes and the parser's buffers are garbage now).</summary>
    public void AfterReading(int rows)
    {
        _large = rows >= LargeFile;
        Collect();
    }

    /// <summary>The rows are planned; only where the database's writer needs the planning garbage gone (see Dialect.CollectBeforeBulkWrite).</summary>
    public void BeforeWriting(bool needed)
    {
        if (needed) Collect();
    }

    /// <summary>
    /// The job is over: a large import leaves hundreds of MB of dead rows behind; free them now rather
    /// than carrying the grown heap into the next job. Not the aggressive mode: it hands the memory back
    /// to the system, and the next large import then spends ~0.15 s taking it again (measured).
    /// </summary>
    public void AfterJob() => Collect();

    private void Collect()
    {
        if (_large) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
