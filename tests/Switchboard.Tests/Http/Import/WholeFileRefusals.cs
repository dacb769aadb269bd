using System.Text;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>Import semantics 1: a file that cannot be read as users.csv is refused whole, with one clear message; nothing changes.</summary>
public sealed class WholeFileRefusals(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    public static TheoryData<string, string> Files => new()
    {
        { "duplicate header", "column" },
        { "duplicate header, spelled differently", "Mac Address" },
        { "xlsx renamed to .csv", "Excel" },
        { "xls renamed to .csv", "Excel" },
        { "binary", "binary" },
        { "empty", "empty" },
        { "only a BOM", "empty" },
        { "no known header", "header" },
    };

    private static byte[] Make(string kind, World w)
    {
        var person = w.Soft();
        return kind switch
        {
            "duplicate header" => Encoding.UTF8.GetBytes(Csv.Write([person], [.. Csv.Headers, "Email"])),
            "duplicate header, spelled differently" => Encoding.UTF8.GetBytes(Csv.Write([person], [.. Csv.Headers, "mac_addresses"])),
            "xlsx renamed to .csv" => [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, .. Encoding.ASCII.GetBytes("[Content_Types].xml"), 0, 0, 1, 2],
            "xls renamed to .csv" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "binary" => [.. Encoding.UTF8.GetBytes(Csv.Write([person])), 0, 1, 2, 0, 255],
            "empty" => [],
            "only a BOM" => [0xEF, 0xBB, 0xBF],
            "no known header" => Encoding.UTF8.GetBytes($"foo,bar\r\n{person["Email"]},{person["Extension"]}\r\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_file_is_refused_whole_with_status_failed_and_a_message_and_nothing_changes(string kind, string messageMentions)
    {
        var w = await SharedWorld.For(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft());
        var (before, _) = await a1.Export();

        var r = await a1.Import(Make(kind, w));
        Assert.True(r.Status == "failed", $"{kind}: {r.Json.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(r.Message));
        Assert.True(r.Json["refused"]!.GetValue<bool>(), $"{kind}: a file refused whole says refused: true");
        Assert.Contains(messageMentions, r.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, 0, 0, 0), (r.Created, r.Updated, r.Unchanged, r.Failed));
        Assert.Equal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString((await a1.Export()).Bytes));
        Assert.Single(ids);
    }
}
