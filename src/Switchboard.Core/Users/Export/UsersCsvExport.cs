using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Csv;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Storage;
using Switchboard.Core.Users.Values;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Core.Users.Export;

/// <summary>
/// Writes users.csv: UTF-8 with BOM, CRLF, exact headers, users ordered by ID, every value a
/// spreadsheet would run or alter guarded by an apostrophe. Secrets only when asked for.
/// </summary>
public static class UsersCsvExport
{
    public static async Task WriteAsync(SwitchboardDb db, IReadOnlyList<Client> clients, bool includeSecrets,
        bool withClientColumn, Stream output, CancellationToken ct)
    {
        var names = clients.ToDictionary(c => c.Id, c => c.Name);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        var store = UserStore.For(db.Database);
        cmd.CommandText = $"SELECT {SqlUserState.UserColumnsSql} FROM {SqlUserState.UsersFromSql} " +
                          $"WHERE {store.IsOneOf("u.\"ClientId\"", "@clients")} ORDER BY u.\"Id\"";
        SqlUserState.Add(cmd, "@clients", store.KeysValue(names.Keys));

        await using var text = CsvText.Writer(output);
        var w = new CsvText(text);
        foreach (var h in UserColumns.Headers) w.Cell(h);
        if (withClientColumn) w.Cell("Client");
        w.EndRow();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var u = SqlUserState.ReadUser(r);
                Set(w, C.Id, u.Id.ToString(CultureInfo.InvariantCulture));
                Set(w, C.FirstName, u.FirstName);
                Set(w, C.LastName, u.LastName);
                Set(w, C.Email, u.Email);
                Set(w, C.WebPassword, "");
                Set(w, C.PhoneSecret, includeSecrets ? u.PhoneSecret : "");
                Set(w, C.VoicemailPin, includeSecrets ? u.VoicemailPin : "");
                Set(w, C.Extension, u.Extension);
                Set(w, C.Department, u.Department);
                Set(w, C.Language, u.Language);
                Set(w, C.PhoneModelId, Num(u.PhoneModelId));
                Set(w, C.ProvisioningTemplateId, Num(u.ProvisioningTemplateId));
                Set(w, C.MacAddress, u.MacAddress);
                Set(w, C.UserProfileId, Num(u.UserProfileId));
                Set(w, C.ForwardNumber, u.ForwardNumber);
                Set(w, C.FollowmeNumber, u.FollowmeNumber);
                Set(w, C.DndOn, BooleanValue.Format(u.DndOn));
                Set(w, C.CallWaitingOn, BooleanValue.Format(u.CallWaitingOn));
                Set(w, C.IpAddress, u.IpAddress);
                if (withClientColumn) w.Cell(SpreadsheetGuard.Protect(names[u.ClientId], SpreadsheetGuard.Kind.Text));
                w.EndRow();
            }
        }
        await text.FlushAsync(ct);
    }

    private static void Set(CsvText row, C col, string? value) =>
        row.Cell(value is null ? "" : SpreadsheetGuard.Protect(value, col.GuardKind()));

    private static string? Num(int? v) => v?.ToString(CultureInfo.InvariantCulture);
}
