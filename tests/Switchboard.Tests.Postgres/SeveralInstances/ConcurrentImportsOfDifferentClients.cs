using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Tests.SeveralInstances;

/// <summary>
/// Two instances run imports of two clients at the same time, and both files claim the same
/// emails and MAC addresses (unique across the whole system): every value ends with exactly one
/// holder, and every row that lost fails with a clear cause in its file's Error Log.
/// </summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class ConcurrentImportsOfDifferentClients(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 6000;
    private readonly TestDatabase _db = TestDatabase.Create();
    private readonly List<SwitchboardApp> _hosts = [];

    public void Dispose()
    {
        foreach (var h in _hosts) h.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Imports_claiming_the_same_emails_and_macs_leave_one_holder_each_and_clear_causes()
    {
        var a = SwitchboardApp.On(_db);
        var b = SwitchboardApp.On(_db);
        _hosts.AddRange([a, b]);
        var w = await World.CreateAsync(a);
        var viaA = w.As["A1"];
        var viaB = b.CreateClient();
        viaB.DefaultRequestHeaders.Authorization = w.As["A2"].DefaultRequestHeaders.Authorization;

        var macs = Enumerable.Range(0, Rows).Select(i => $"00:15:65:{i / 65536:X2}:{i / 256 % 256:X2}:{i % 256:X2}").ToList();
        List<Dictionary<string, string>> File(string who) => Enumerable.Range(0, Rows).Select(i => w.Desk(macs[i],
            ("First Name", $"{who}{i}"), ("Email", $"shared{i}-{w.Tag}@example.test"), ("Extension", Kit.I(100_000 + i)))).ToList();
        var fileA = Encoding.UTF8.GetBytes(Csv.Write(File("A")));
        var fileB = Encoding.UTF8.GetBytes(Csv.Write(File("B")));

        var results = await Task.WhenAll(viaA.Import(fileA), viaB.Import(fileB));
        var (ra, rb) = (results[0], results[1]);
        output.WriteLine($"A1: created {ra.Created}, failed {ra.Failed}, {ra.Json["startedAt"]}–{ra.Json["finishedAt"]}; " +
                         $"A2: created {rb.Created}, failed {rb.Failed}, {rb.Json["startedAt"]}–{rb.Json["finishedAt"]}");

        ra.AssertCounts();
        rb.AssertCounts();
        Assert.Equal(Rows, ra.Created + rb.Created);
        Assert.Equal(Rows, ra.Failed + rb.Failed);
        Assert.Equal(Rows, _db.Count($"SELECT count(*) FROM \"SignIns\" WHERE \"NormalizedEmail\" LIKE 'shared%-{w.Tag}@example.test'"));
        Assert.Equal(Rows, _db.Count($"SELECT count(DISTINCT \"MacAddress\") FROM \"Users\" WHERE \"ClientId\" IN ({w.CA1}, {w.CA2})"));
        Assert.Equal(Rows, _db.Count($"SELECT count(*) FROM \"Users\" WHERE \"ClientId\" IN ({w.CA1}, {w.CA2})"));
        foreach (var r in new[] { ra, rb })
        {
            foreach (var row in r.FailedRows)
            {
                var causes = r.Causes(row);
                // Either value may be the one the row is told about: in READ COMMITTED each lookup sees the commits made
                // before it, so when the other import commits between the email and the MAC lookup, only the MAC is taken yet.
                Assert.True(causes.Any(c => c is { Column: "Email", Message: var m } && m.StartsWith("Is already used by another account", StringComparison.Ordinal) ||
                                            c is { Column: "Mac Address", Message: var n } && n.StartsWith("Is already registered to another phone", StringComparison.Ordinal)),
                    $"row {row}: {string.Join(" | ", causes)}");
            }
        }
    }
}
