using Switchboard.Tests.Process;

namespace Switchboard.Tests.Hostile;

/// <summary>The table covers every committed file, names each case once, and holds at least the 40 files issue 5 asks for.</summary>
public sealed class HostileCorpusIsComplete
{
    [Fact]
    public void Every_committed_file_has_a_stated_outcome_and_there_are_at_least_40_files()
    {
        var names = HostileCorpus.All.Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var committed = Directory.GetFiles(Path.Combine(ServerProcess.RepoRoot, "tests", "Switchboard.Tests", "Hostile", "files"))
            .Select(Path.GetFileName).Where(n => n != ".gitattributes").ToList();
        Assert.Empty(committed.Except(names));
        Assert.True(names.Count >= 40, $"{names.Count} files");
    }

    [Fact]
    public void Every_file_is_made_the_same_way_each_time()
    {
        foreach (var c in HostileCorpus.All.Where(c => !c.Name.Contains("million", StringComparison.Ordinal)))
            Assert.True(c.Bytes().AsSpan().SequenceEqual(c.Bytes()), $"{c.Name} differs between two makings");
    }
}
