using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;

namespace Switchboard.Tests.Rules;

/// <summary>
/// An upload parsed while it is stored is handed to this instance's worker for that job only, and
/// never while a job runs here (memory holds one parsed file at most); anything else reads the stored file.
/// </summary>
public sealed class ImportQueueHandoffTests
{
    private static byte[] File(string email) => Encoding.UTF8.GetBytes($"First Name,Last Name,Email,Extension\r\nAnn,Lee,{email},201\r\n");

    [Fact]
    public async Task The_parsed_upload_goes_to_its_own_job_once()
    {
        var queue = new ImportQueue();
        queue.Offer(7, File("ann@example.com"), new CsvLimits());
        var parsed = queue.Take(7);
        Assert.NotNull(parsed);
        Assert.Equal("ann@example.com", Assert.Single((await parsed).Inputs)[UserColumn.Email]);
        Assert.Null(queue.Take(7));
    }

    [Fact]
    public void Another_job_drops_it_and_reads_its_own_stored_file()
    {
        var queue = new ImportQueue();
        queue.Offer(7, File("ann@example.com"), new CsvLimits());
        Assert.Null(queue.Take(8));
        Assert.Null(queue.Take(7));
    }

    [Fact]
    public void Nothing_is_parsed_ahead_while_a_job_runs_or_another_parse_is_held()
    {
        var queue = new ImportQueue();
        using (queue.Running())
        {
            queue.Offer(7, File("ann@example.com"), new CsvLimits());
            Assert.Null(queue.Take(7));
        }
        queue.Offer(8, File("bob@example.com"), new CsvLimits());
        queue.Offer(9, File("cy@example.com"), new CsvLimits());
        Assert.Null(queue.Take(9));
        queue.Offer(10, File("dee@example.com"), new CsvLimits());
        Assert.NotNull(queue.Take(10));
    }

    [Fact]
    public void A_parse_whose_job_ran_elsewhere_is_dropped_by_the_idle_worker_after_a_while()
    {
        var queue = new ImportQueue();
        queue.Offer(7, File("ann@example.com"), new CsvLimits());
        queue.DropStale(DateTime.UtcNow);
        queue.Offer(8, File("bob@example.com"), new CsvLimits());
        Assert.Null(queue.Take(8)); // 7 is still held, so 8 was not parsed ahead
        queue.Offer(9, File("cy@example.com"), new CsvLimits());
        queue.DropStale(DateTime.UtcNow + ImportQueue.HoldAtMost + TimeSpan.FromSeconds(1));
        Assert.Null(queue.Take(9));
        queue.Offer(10, File("dee@example.com"), new CsvLimits());
        Assert.NotNull(queue.Take(10));
    }

    [Fact]
    public void An_upload_that_was_not_stored_leaves_nothing_for_a_job_that_reuses_its_ID()
    {
        var queue = new ImportQueue();
        queue.Offer(7, File("ann@example.com"), new CsvLimits());
        queue.Forget(7);
        Assert.Null(queue.Take(7));
    }
}
