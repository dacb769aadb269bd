using Switchboard.Core.Csv;

namespace Switchboard.Core.Users.Export;

/// <summary>The empty users.csv of the Import page: the export's header row (from the field table) and nothing else.</summary>
public static class UsersCsvTemplate
{
    public static byte[] Write()
    {
        using var ms = new MemoryStream();
        using (var text = CsvText.Writer(ms))
        {
            new CsvText(text).HeaderRow(UserColumns.Headers);
            text.Flush();
        }
        return ms.ToArray();
    }
}
