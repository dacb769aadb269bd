using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Users.Storage;

namespace Switchboard.Core.Users.Export;

/// <summary>
/// Writes users.csv: UTF-8 with BOM, CRLF, exact headers, users ordered by ID, every value a
/// spreadsheet would run or alter guarded by an apostrophe. Secrets only when asked for.
/// </summary>
public static class UsersCsvExport
{
    public static async Task WriteAsync(SwitchboardDb db, IReadOnlyList<Client> clients, bool includeSecrets,
        bool withClientColumn, Stream output, CancellationToken ct, IReadOnlyCollection<int>? userIds = null)
    {
        var names = clients.ToDictionary(c => c.Id, c => c.Name);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        var store = Dialect.For(db.Database);
        cmd.CommandText = $"SELECT {SqlUserState.UserColumnsSql} FROM {SqlUserState.UsersFromSql} " +
                          $"WHERE {store.IsOneOf("u.\"ClientId\"", "@clients")}" +
                          (userIds is null ? "" : $" AND {store.IsOneOf("u.\"Id\"", "@ids")}") + " ORDER BY u.\"Id\"";
        SqlUserState.Add(cmd, "@clients", store.KeysValue(names.Keys));
        if (userIds is not null) SqlUserState.Add(cmd, "@ids", store.KeysValue(userIds));

        await using var text = CsvText.Writer(output);
        var w = new CsvText(text);
        w.HeaderRow(withClientColumn ? [.. UserColumns.Headers, "Client"] : UserColumns.Headers);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var u = SqlUserState.ReadUser(r);
                foreach (var f in UserColumns.Fields)
                    w.Cell(f.Secret && !includeSecrets || f.Format(u) is not { } value ? "" : SpreadsheetGuard.Protect(value, f.Guard));
                if (withClientColumn) w.Cell(SpreadsheetGuard.Protect(names[u.ClientId], SpreadsheetGuard.Kind.Text));
                w.EndRow();
            }
        }
        await text.FlushAsync(ct);
    }
}
