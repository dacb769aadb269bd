using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Core.Data;
using Switchboard.Core.Data.Dialects;
using Switchboard.Core.Secrets;
using Switchboard.Core.Users;

namespace Switchboard.Core.Sip;

/// <summary>
/// What the SIP registrar (Kamailio's auth_db) reads through the view <c>sip_subscribers</c>
/// (username, domain, ha1, ha1b): each user's digest HA1s, kept in two columns of "Users" that are
/// no field of a user (never in the API, exports, reports or logs). Secrets are sealed at rest, so
/// the database cannot compute them itself: every writer of a phone secret, an extension or a
/// client's SIP domain stores them in the same transaction, where the secret is in plain text anyway.
/// </summary>
public static class SipCredentials
{
    public const string Ha1Column = "SipHa1", Ha1bColumn = "SipHa1b";

    public static readonly BulkColumn[] Columns =
        [new(Ha1Column, ColumnType.Text, KeepIfNull: true), new(Ha1bColumn, ColumnType.Text, KeepIfNull: true)];

    /// <summary>MD5(user:realm:secret), the realm being the SIP domain.</summary>
    public static string Ha1(string extension, string domain, string secret) => DigestHex.Md5(extension, ":", domain, ":", secret);

    /// <summary>MD5(user@domain:realm:secret), for phones that send user@domain as their username.</summary>
    public static string Ha1b(string extension, string domain, string secret) => DigestHex.Md5(extension, "@", domain, ":", domain, ":", secret);

    /// <summary>
    /// Both HA1s of each user (user i's at 2i and 2i + 1), over every core unless <paramref name="oneCore"/>
    /// (a caller already running beside a writer on the other core). With <paramref name="stored"/>
    /// (updates), a user whose extension and secret are as stored gets nulls: the stored values stay.
    /// </summary>
    public static string?[] ForAll(IReadOnlyList<UserValues> users, string domain, IReadOnlyList<UserValues>? stored = null, bool oneCore = false)
    {
        var result = new string?[users.Count * 2];
        void One(int i)
        {
            var u = users[i];
            if (stored is not null && stored[i].Extension == u.Extension && stored[i].PhoneSecret == u.PhoneSecret) return;
            result[2 * i] = Ha1(u.Extension, domain, u.PhoneSecret);
            result[2 * i + 1] = Ha1b(u.Extension, domain, u.PhoneSecret);
        }
        if (oneCore)
            for (var i = 0; i < users.Count; i++) One(i);
        else
            Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, One);
        return result;
    }

    /// <summary>
    /// The SIP domain of a client, read inside the caller's transaction with the client's row shared
    /// (see <see cref="Dialect.ShareRowsSql"/>): a concurrent change of the domain waits for this
    /// transaction, and this one for it, so HA1s are never written for a domain that is no longer the client's.
    /// </summary>
    public static string DomainOf(Dialect dialect, DbConnection connection, DbTransaction? transaction, int clientId)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"SELECT t.\"SipDomain\" FROM \"Clients\" t WHERE t.\"Id\" = @id{dialect.ShareRowsSql("t")}";
        var p = cmd.CreateParameter();
        p.ParameterName = "@id";
        p.Value = clientId;
        cmd.Parameters.Add(p);
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Computes again the HA1s of every user of a client (after its SIP domain changed, or of users
    /// that have none yet when <paramref name="missingOnly"/>), inside the context's open transaction.
    /// </summary>
    public static async Task<int> RewriteAsync(SwitchboardDb db, int? clientId, bool missingOnly, CancellationToken ct)
    {
        var dialect = Dialect.For(db.Database);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("HA1s are rewritten inside a transaction.");
        var users = new List<(int Id, string Extension, string Domain, string Secret)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = transaction;
            cmd.CommandText = "SELECT u.\"Id\", u.\"Extension\", c.\"SipDomain\", u.\"PhoneSecret\" FROM \"Users\" u JOIN \"Clients\" c ON c.\"Id\" = u.\"ClientId\" WHERE " +
                              (clientId is null ? "1 = 1" : "u.\"ClientId\" = @client") +
                              (missingOnly ? $" AND (u.\"{Ha1Column}\" IS NULL OR u.\"{Ha1bColumn}\" IS NULL)" : "");
            var p = cmd.CreateParameter();
            p.ParameterName = "@client";
            p.Value = clientId ?? 0;
            cmd.Parameters.Add(p);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) users.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }
        var ha1s = new string[users.Count * 2];
        Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (_, extension, domain, sealedSecret) = users[i];
            var secret = SecretBox.Open(sealedSecret);
            ha1s[2 * i] = Ha1(extension, domain, secret);
            ha1s[2 * i + 1] = Ha1b(extension, domain, secret);
        });
        dialect.Update(connection, transaction, "Users", [new BulkColumn("Id", ColumnType.Int), .. Columns], users.Count, (i, w) =>
        {
            w.Int(users[i].Id);
            w.Text(ha1s[2 * i]);
            w.Text(ha1s[2 * i + 1]);
        });
        return users.Count;
    }
}
