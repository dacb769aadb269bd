using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Another transaction takes an email an import wants after the import has judged its rows (and
/// commits while the import writes): the import does not fail whole and does not write a
/// duplicate; the row that lost fails with the usual cause and every other row is applied.
/// </summary>
public sealed class ImportsThatLoseARaceFailOnlyTheRow(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task An_email_taken_by_a_concurrent_transaction_fails_only_its_row()
    {
        var w = await World.CreateAsync(app);
        var contested = $"contested-{w.Tag}@example.test";
        var q = TestDatabase.Q;

        // A transaction of someone else's holds the email, uncommitted, while the import runs.
        using var other = app.Database.Open();
        using var tx = other.BeginTransaction();
        using (var insert = other.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO {q("SignIns")} ({q("Email")}, {q("NormalizedEmail")}, {q("Role")}, {q("ClientId")}, {q("CreatedAt")}) " +
                                 $"VALUES ('{contested}', '{contested}', 'client', {w.CA2}, '2026-01-01 00:00:00')";
            insert.ExecuteNonQuery();
        }
        var rows = new[] { w.Soft(), w.Soft(("Email", contested)), w.Soft() };
        var import = w.As["A1"].Import(Encoding.UTF8.GetBytes(Csv.Write(rows)));

        // PostgreSQL: wait until the import is blocked on that uncommitted row (its plan did not see it).
        // SQLite: the import waits for the write lock this transaction holds.
        await WaitUntilAnotherSessionWaitsForALock();
        tx.Commit();

        var r = await import;
        r.AssertCounts(created: 2, failed: 1);
        Assert.Equal([3], r.FailedRows);
        Assert.Contains(r.Causes(3), c => c.Column == "Email" && c.Value == contested && c.Message.Contains("already used", StringComparison.Ordinal));
        Assert.Equal(1, app.Database.Count($"SELECT count(*) FROM {q("SignIns")} WHERE {q("NormalizedEmail")} = '{contested}'"));
    }

    private async Task WaitUntilAnotherSessionWaitsForALock()
    {
        if (app.Database.Provider != "postgres")
        {
            await Task.Delay(1000);
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (app.Database.Count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the import never waited for the uncommitted email");
            await Task.Delay(20);
        }
    }
}
