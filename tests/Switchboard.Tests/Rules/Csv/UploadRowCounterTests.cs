using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Import;

namespace Switchboard.Tests.Rules;

/// <summary>The upload's row count agrees with the reader's on what a data row is.</summary>
public sealed class UploadRowCounterTests
{
    [Theory]
    [InlineData("ID,First Name\r\n,a\r\n,b\r\n", 2)]
    [InlineData("ID,First Name\n,a\n,b", 2)] // LF, no final line end
    [InlineData("ID,First Name\r,a\r,b\r", 2)] // CR only
    [InlineData("ID,First Name\r\n,,\r\n\r\n,a\r\n\"\",\" \"\r\n", 1)] // blank rows, as Excel leaves them
    [InlineData("ID;First Name\r\n;;\r\n;a\r\n", 1)]
    [InlineData("ID,First Name\r\n,\"two\r\nlines\"\r\n,\"a \"\"quoted\"\"\r\nvalue\"\r\n", 2)] // newlines inside quotes
    [InlineData("ID;First Name\r\n;a\r\n", 1)]
    [InlineData("", 0)]
    [InlineData("ID,First Name", 0)]
    public void Counts_data_rows_like_the_reader(string text, int rows)
    {
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            Assert.Equal(rows, Count(bytes, chunk: 1));
            Assert.Equal(rows, Count(bytes, chunk: 4096));
            if (bytes.Length > 0 && text.Length > 0)
                Assert.Equal(rows, SpreadsheetFileReader.Read(bytes, new CsvLimits()).Rows.Count);
        }
    }

    [Fact]
    public void Stops_at_the_first_row_over_the_limit()
    {
        var counter = new UploadRowCounter(3);
        Assert.True(counter.Feed(Encoding.UTF8.GetBytes("ID,First Name\r\n,a\r\n,b\r\n,c\r\n")));
        Assert.False(counter.Feed(Encoding.UTF8.GetBytes(",d\r\n")));
        Assert.True(counter.OverLimit);
    }

    private static int Count(byte[] bytes, int chunk)
    {
        var counter = new UploadRowCounter(int.MaxValue);
        for (var i = 0; i < bytes.Length; i += chunk) counter.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        counter.Complete();
        return counter.DataRows;
    }
}
