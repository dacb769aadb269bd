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
        cmd.CommandText = $"SELECT {SqlUserState.UserColumnsSql} FROM Users u JOIN SignIns s ON s.Id = u.Id " +
                          "WHERE u.ClientId IN (SELECT value FROM json_each(@clients)) ORDER BY u.Id";
        SqlUserState.Add(cmd, "@clients", System.Text.Json.JsonSerializer.Serialize(names.Keys));

        await using var text = CsvText.Writer(output);
        using (var w = CsvText.Sep(text))
        {
            using (var h = w.NewRow())
            {
                for (var i = 0; i < UserColumns.Count; i++) h[i].Set(UserColumns.Headers[i]);
                if (withClientColumn) h[UserColumns.Count].Set("Client");
            }
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var u = SqlUserState.ReadUser(r);
                using var row = w.NewRow();
                Set(row, C.Id, u.Id.ToString(CultureInfo.InvariantCulture));
                Set(row, C.FirstName, u.FirstName);
                Set(row, C.LastName, u.LastName);
                Set(row, C.Email, u.Email);
                Set(row, C.WebPassword, "");
                Set(row, C.PhoneSecret, includeSecrets ? u.PhoneSecret : "");
                Set(row, C.VoicemailPin, includeSecrets ? u.VoicemailPin : "");
                Set(row, C.Extension, u.Extension);
                Set(row, C.Department, u.Department);
                Set(row, C.Language, u.Language);
                Set(row, C.PhoneModelId, Num(u.PhoneModelId));
                Set(row, C.ProvisioningTemplateId, Num(u.ProvisioningTemplateId));
                Set(row, C.MacAddress, u.MacAddress);
                Set(row, C.UserProfileId, Num(u.UserProfileId));
                Set(row, C.ForwardNumber, u.ForwardNumber);
                Set(row, C.FollowmeNumber, u.FollowmeNumber);
                Set(row, C.DndOn, BooleanValue.Format(u.DndOn));
                Set(row, C.CallWaitingOn, BooleanValue.Format(u.CallWaitingOn));
                Set(row, C.IpAddress, u.IpAddress);
                if (withClientColumn) row[UserColumns.Count].Set(SpreadsheetGuard.Protect(names[u.ClientId], SpreadsheetGuard.Kind.Text));
            }
        }
        await text.FlushAsync(ct);
    }

    private static void Set(nietras.SeparatedValues.SepWriter.Row row, C col, string? value) =>
        row[(int)col].Set(value is null ? "" : SpreadsheetGuard.Protect(value, col.GuardKind()));

    private static string? Num(int? v) => v?.ToString(CultureInfo.InvariantCulture);
}
