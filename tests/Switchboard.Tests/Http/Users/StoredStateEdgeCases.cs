using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// Rules that need a look at the database itself: stored values from before today's rules, and
/// what a finished import keeps of the uploaded file.
/// </summary>
public sealed class StoredStateEdgeCases(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    private void Sql(string sql) => app.Database.Execute(sql);

    private byte[] Bytes(string sql) => app.Database.Scalar(sql) as byte[] ?? [];

    private static bool Holds(byte[] bytes, string text) => bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    public async Task A_finished_import_keeps_no_copy_of_the_uploaded_secrets()
    {
        var w = await World.CreateAsync(app);
        var r = await w.As["A1"].ImportRows([w.Soft(("Web Passwords", "Sup3r-Secret-Pw-XYZ"), ("Phone Secret", "PhoneSecretABC12345")), w.Soft(("Extension", "x"))]);
        r.AssertCounts(created: 1, failed: 1);
        Assert.Empty(Bytes($"SELECT \"Content\" FROM \"ImportFiles\" WHERE \"ImportJobId\" = {r.Id}"));
        var failedRows = Bytes($"SELECT \"FailedRowsCsv\" FROM \"ImportFiles\" WHERE \"ImportJobId\" = {r.Id}");
        Assert.NotEmpty(failedRows);
        Assert.False(Holds(failedRows, "PhoneSecretABC12345") || Holds(failedRows, "Sup3r-Secret-Pw-XYZ"), "failed-rows.csv keeps a secret");
    }

    [Fact]
    public async Task An_unsupported_stored_language_reimports_as_unchanged_with_a_warning()
    {
        var w = await World.CreateAsync(app);
        var ids = await w.As["A1"].CreateUsers(w.Soft(("Language", "fr")));
        Sql($"UPDATE \"Users\" SET \"Language\" = 'ja' WHERE \"Id\" = {ids[0]}");
        var (bytes, _) = await w.As["A1"].Export();
        var r = await w.As["A1"].Import(bytes);
        r.AssertCounts(unchanged: 1, failed: 0);
        Assert.Contains(r.Warnings, x => x!["message"]!.GetValue<string>().Contains("Language", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_legacy_weak_pin_does_not_block_an_extension_change_but_the_pin_may_not_equal_the_new_extension()
    {
        var w = await World.CreateAsync(app);
        var ids = await w.As["A1"].CreateUsers(w.Soft(), w.Soft());
        Sql($"UPDATE \"Users\" SET \"VoicemailPin\" = '1111' WHERE \"Id\" = {ids[0]}");
        Sql($"UPDATE \"Users\" SET \"VoicemailPin\" = '7345' WHERE \"Id\" = {ids[1]}");
        var headers = new[] { "ID", "Extension" };
        var r = await w.As["A1"].Import(Csv.Write(
            [new Dictionary<string, string> { ["ID"] = Kit.I(ids[0]), ["Extension"] = "7344" },
             new Dictionary<string, string> { ["ID"] = Kit.I(ids[1]), ["Extension"] = "7345" }], headers));
        r.AssertCounts(updated: 1, failed: 1);
        Assert.Equal([3], r.FailedRows);
        Assert.Contains("Voicemail Pin", r.Columns(3));
    }

    [Fact]
    public async Task A_row_failing_for_another_reason_still_reports_and_causes_its_duplicates()
    {
        var w = await World.CreateAsync(app);
        var taken = (await w.As["A1"].CreateUsers(w.Soft()))[0];
        var takenExtension = (await w.As["A1"].GetUser(taken)).Str("extension")!;
        var r = await w.As["A1"].ImportRows([
            w.Soft(("First Name", ""), ("Extension", "6250")),
            w.Soft(("Extension", "6250")),
            w.Soft(("First Name", ""), ("Extension", takenExtension)),
        ]);
        r.AssertCounts(created: 0, failed: 3);
        Assert.Contains("3", r.Said(2, "Extension"), StringComparison.Ordinal);
        Assert.Contains("2", r.Said(3, "Extension"), StringComparison.Ordinal);
        Assert.Contains("First Name", r.Columns(4));
        Assert.Contains(Kit.I(taken), r.Said(4, "Extension"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documented_property_is_present_even_when_empty()
    {
        var me = await (await app.AdminAsync()).GetJson("/api/v1/me");
        Assert.True(me.ContainsKey("resellerId") && me.ContainsKey("clientId"), me.ToJsonString());
        var w = await World.CreateAsync(app);
        var user = await w.As["A1"].GetUser((await w.As["A1"].CreateUsers(w.Soft()))[0]);
        foreach (var name in new[] { "department", "language", "phoneModelId", "provisioningTemplateId", "macAddress", "userProfileId", "forwardNumber", "followmeNumber", "ipAddress" })
            Assert.True(user.ContainsKey(name), $"{name} missing: {user.ToJsonString()}");
        var r = await w.As["A1"].ImportRows([w.Soft(("Extension", "x"))]);
        var error = r.Errors[0]!.AsObject();
        Assert.True(error.ContainsKey("userId") && r.Json.ContainsKey("message"), r.Json.ToJsonString());
    }

#if POSTGRES_SUITE
    /// <summary>
    /// PostgreSQL's one rule from a user to its sign-in of the same client, enforced by statement-level
    /// triggers (docs/decisions.md); SQLite keeps two plain keys.
    /// </summary>
    [Fact]
    public async Task A_user_row_names_its_own_sign_in_of_the_same_client_and_goes_with_it()
    {
        var w = await World.CreateAsync(app);
        var id = (await w.As["A1"].CreateUsers(w.Soft()))[0];
        var e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql($"UPDATE \"Users\" SET \"ClientId\" = {w.CA2} WHERE \"Id\" = {id}"));
        Assert.Equal((Npgsql.PostgresErrorCodes.ForeignKeyViolation, "FK_Users_SignIns_Id_ClientId"), (e.SqlState, e.ConstraintName));
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql($"UPDATE \"SignIns\" SET \"ClientId\" = {w.CA2} WHERE \"Id\" = {id}"));
        Assert.Equal("FK_Users_SignIns_Id_ClientId", e.ConstraintName);

        // A sign-in committed earlier (not the inserting transaction's own) is checked the same way.
        var tag = Guid.NewGuid().ToString("N");
        var signIn = Convert.ToInt32(app.Database.Scalar(
            "INSERT INTO \"SignIns\" (\"Email\", \"NormalizedEmail\", \"Role\", \"ClientId\", \"CreatedAt\") " +
            $"VALUES ('{tag}@keys.test', '{tag.ToUpperInvariant()}@KEYS.TEST', 'user', {w.CA1}, now()) RETURNING \"Id\""),
            System.Globalization.CultureInfo.InvariantCulture);
        string User(int userId, int clientId, string extension) =>
            $"({userId}, {clientId}, 'Keyed', 'User', 's', 'p', '{extension}', false, false)";
        const string Insert = "INSERT INTO \"Users\" (\"Id\", \"ClientId\", \"FirstName\", \"LastName\", \"PhoneSecret\", " +
                              "\"VoicemailPin\", \"Extension\", \"DndOn\", \"CallWaitingOn\") VALUES ";
        // Another client than the sign-in's, or no sign-in at all, fails the whole statement.
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql(Insert + User(signIn, w.CA2, "7101")));
        Assert.Equal((Npgsql.PostgresErrorCodes.ForeignKeyViolation, "FK_Users_SignIns_Id_ClientId"), (e.SqlState, e.ConstraintName));
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql(Insert + User(signIn, w.CA1, "7101") + ", " + User(int.MaxValue, w.CA1, "7102")));
        Assert.Equal("FK_Users_SignIns_Id_ClientId", e.ConstraintName);
        Assert.Equal(0, app.Database.Count($"SELECT COUNT(*) FROM \"Users\" WHERE \"Id\" = {signIn}"));
        Sql(Insert + User(signIn, w.CA1, "7101"));
        Assert.Equal(1, app.Database.Count($"SELECT COUNT(*) FROM \"Users\" WHERE \"Id\" = {signIn}"));

        // Deleting sign-ins deletes their users (the rule cascades), one statement for several.
        Sql($"DELETE FROM \"SignIns\" WHERE \"Id\" IN ({id}, {signIn})");
        Assert.Equal(0, app.Database.Count($"SELECT COUNT(*) FROM \"Users\" WHERE \"Id\" IN ({id}, {signIn})"));
    }

    /// <summary>
    /// On PostgreSQL a sign-in's client is checked by statement-level triggers rather than a foreign key
    /// (docs/decisions.md): the same rule, a whole statement at a time.
    /// </summary>
    [Fact]
    public async Task A_sign_in_names_an_existing_client_and_a_client_named_by_sign_ins_stays()
    {
        var w = await World.CreateAsync(app);
        var tag = Guid.NewGuid().ToString("N");
        var client = Convert.ToInt32(app.Database.Scalar(
            "INSERT INTO \"Clients\" (\"ResellerId\", \"Name\", \"DefaultLanguage\", \"SipDomain\") " +
            $"SELECT \"ResellerId\", 'Keyed {tag}', 'en', '{tag}.test' FROM \"Clients\" WHERE \"Id\" = {w.CA1} RETURNING \"Id\""),
            System.Globalization.CultureInfo.InvariantCulture);
        string SignIn(string who, int clientId) =>
            $"('{who}{tag}@keys.test', '{who.ToUpperInvariant()}{tag.ToUpperInvariant()}@KEYS.TEST', 'client', {clientId}, now())";
        const string Insert = "INSERT INTO \"SignIns\" (\"Email\", \"NormalizedEmail\", \"Role\", \"ClientId\", \"CreatedAt\") VALUES ";

        // One row naming a missing client fails the whole statement, the good row with it.
        var e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql(Insert + SignIn("good", client) + ", " + SignIn("bad", int.MaxValue)));
        Assert.Equal((Npgsql.PostgresErrorCodes.ForeignKeyViolation, "FK_SignIns_Clients_ClientId"), (e.SqlState, e.ConstraintName));
        Assert.Equal(0, app.Database.Count($"SELECT COUNT(*) FROM \"SignIns\" WHERE \"Email\" LIKE '%{tag}@keys.test'"));

        Sql(Insert + SignIn("admin", client));
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql($"UPDATE \"SignIns\" SET \"ClientId\" = {int.MaxValue} WHERE \"Email\" = 'admin{tag}@keys.test'"));
        Assert.Equal("FK_SignIns_Clients_ClientId", e.ConstraintName);
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql($"DELETE FROM \"Clients\" WHERE \"Id\" = {client}"));
        Assert.Equal("FK_SignIns_Clients_ClientId", e.ConstraintName);
        e = Assert.ThrowsAny<Npgsql.PostgresException>(() => Sql($"UPDATE \"Clients\" SET \"Id\" = {int.MaxValue} WHERE \"Id\" = {client}"));
        Assert.Equal("FK_SignIns_Clients_ClientId", e.ConstraintName);

        // Once no sign-in names it, the client can go.
        Sql($"DELETE FROM \"SignIns\" WHERE \"ClientId\" = {client}");
        Sql($"DELETE FROM \"Clients\" WHERE \"Id\" = {client}");
        Assert.Equal(0, app.Database.Count($"SELECT COUNT(*) FROM \"Clients\" WHERE \"Id\" = {client}"));
    }
#endif
}
