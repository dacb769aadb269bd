using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Process;

namespace Switchboard.Tests.Cli;

/// <summary>
/// product.md, "The command-line client": the built `switchboard` run as a process against a real
/// server — sign-in and where it is kept, the environment's override, stdout holding only the CSV
/// or only the JSON, and every exit code of the table (0, 1, 2, 3, 4; 130 in InterruptedWhileWaiting).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CommandLineTests(CliServer host) : IClassFixture<CliServer>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Login_with_password_stdin_keeps_server_and_token_readable_only_by_the_user_never_the_password()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(cli.ConfigFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(Path.GetDirectoryName(cli.ConfigFile)!));
        var kept = await File.ReadAllTextAsync(cli.ConfigFile);
        Assert.Contains(host.Url, kept, StringComparison.Ordinal);
        Assert.Contains("\"token\"", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(host.ClientAdmin.Password, kept, StringComparison.Ordinal);

        // The kept token works: the import history as JSON, and nothing else on stdout.
        var list = await cli.RunAsync("imports", "list", "--json");
        Assert.True(list.Code == 0, list.ToString());
        Assert.NotNull(CliServer.Json(list)["items"]);

        // A second login (another account) replaces the file and keeps it 0600.
        var again = await cli.RunWithInputAsync(host.OtherClientAdmin.Password, "login", "--server", host.Url, "--email", host.OtherClientAdmin.Email, "--password-stdin");
        Assert.True(again.Code == 0, again.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(cli.ConfigFile));
        Assert.Contains(host.OtherClientAdmin.Email, await File.ReadAllTextAsync(cli.ConfigFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_3_for_a_wrong_password_for_no_sign_in_and_for_a_refused_token()
    {
        using var cli = new CliUser();
        var wrong = await cli.RunWithInputAsync("not-the-password\n", "login", "--server", host.Url, "--email", host.ClientAdmin.Email, "--password-stdin");
        Assert.True(wrong.Code == 3, wrong.ToString());
        Assert.False(File.Exists(cli.ConfigFile));
        Assert.Empty(wrong.Stdout);

        var none = await cli.RunAsync("users", "export");
        Assert.True(none.Code == 3, none.ToString());
        Assert.Contains("switchboard login", none.Stderr, StringComparison.Ordinal);
        Assert.Empty(none.StdoutBytes);

        cli.Environment["SWITCHBOARD_SERVER"] = host.Url;
        cli.Environment["SWITCHBOARD_TOKEN"] = "not-a-token-the-server-issued";
        var refused = await cli.RunAsync("imports", "list");
        Assert.True(refused.Code == 3, refused.ToString());
        AssertOneLine(refused.Stderr);
    }

    [Fact]
    public async Task The_environment_overrides_the_kept_sign_in_and_a_kept_token_goes_to_no_other_server()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var good = await cli.RunAsync("imports", "list");
        Assert.True(good.Code == 0, good.ToString());

        cli.Environment["SWITCHBOARD_TOKEN"] = "overridden-token";
        var overridden = await cli.RunAsync("imports", "list");
        Assert.True(overridden.Code == 3, $"SWITCHBOARD_TOKEN wins over the kept token: {overridden}");

        // Server and token from the environment alone, with nothing kept.
        using var fresh = new CliUser();
        var (token, http) = await host.TokenAsync(host.ClientAdmin);
        using var _ = http;
        fresh.Environment["SWITCHBOARD_SERVER"] = host.Url;
        fresh.Environment["SWITCHBOARD_TOKEN"] = token;
        var export = await fresh.RunAsync("users", "export");
        Assert.True(export.Code == 0, export.ToString());
        Assert.StartsWith("\uFEFFID,First Name,", export.Stdout, StringComparison.Ordinal);

        // Another server named by the environment never gets the token kept for this one.
        cli.Environment.Remove("SWITCHBOARD_TOKEN");
        cli.Environment["SWITCHBOARD_SERVER"] = "http://127.0.0.1:9";
        var elsewhere = await cli.RunAsync("imports", "list");
        Assert.True(elsewhere.Code == 3, elsewhere.ToString());
        Assert.Contains("not signed in to http://127.0.0.1:9", elsewhere.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_only_the_csv_on_stdout_and_with_secrets_to_a_file_only_the_user_reads()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        var import = await cli.RunAsync("users", "import", cli.WriteFile("seed.csv", CliServer.UsersCsv([CliServer.User(tag, 300), CliServer.User(tag, 301)])));
        Assert.True(import.Code == 0, import.ToString());

        var export = await cli.RunAsync("users", "export");
        Assert.True(export.Code == 0, export.ToString());
        var (_, http) = await host.TokenAsync(host.ClientAdmin);
        using (http)
        {
            var direct = await http.GetByteArrayAsync("/api/v1/users/export");
            Assert.Equal(Encoding.UTF8.GetString(direct), export.Stdout); // byte for byte the server's file, nothing else
        }

        var file = Path.Combine(cli.Home, "with-secrets.csv");
        var secrets = await cli.RunAsync("users", "export", "--include-secrets", "-o", file);
        Assert.True(secrets.Code == 0, secrets.ToString());
        Assert.Empty(secrets.StdoutBytes);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(file));
        Assert.Contains($"cli300-{tag}@example.test", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_exits_0_when_every_row_applies_and_1_with_failed_rows_which_it_saves()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        var good = await cli.RunAsync("users", "import", cli.WriteFile("good.csv", CliServer.UsersCsv([CliServer.User(tag, 100), CliServer.User(tag, 101)])));
        Assert.True(good.Code == 0, good.ToString());
        Assert.Equal(["created: 2", "updated: 0", "unchanged: 0", "failed: 0"], good.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));

        // The export imported back changes nothing: nothing to do is 0 too.
        var exported = Path.Combine(cli.Home, "exported.csv");
        Assert.Equal(0, (await cli.RunAsync("users", "export", "-o", exported)).Code);
        var again = await cli.RunAsync("users", "import", exported);
        Assert.True(again.Code == 0, $"nothing to do is 0: {again}");
        Assert.Contains("created: 0", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("updated: 0", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed: 0", again.Stdout, StringComparison.Ordinal);

        var bad = CliServer.User(tag, 102, extension: "not-an-extension");
        var mixed = cli.WriteFile("mixed.csv", CliServer.UsersCsv([CliServer.User(tag, 103), bad]));
        var failedRows = Path.Combine(cli.Home, "failed.csv");
        var partial = await cli.RunAsync("users", "import", mixed, "--failed-rows", failedRows);
        Assert.True(partial.Code == 1, partial.ToString());
        Assert.Contains("created: 1", partial.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed: 1", partial.Stdout, StringComparison.Ordinal);
        Assert.Contains("Error Log", partial.Stdout, StringComparison.Ordinal);
        Assert.Contains("not-an-extension", partial.Stdout, StringComparison.Ordinal);
        var saved = await File.ReadAllTextAsync(failedRows);
        Assert.Contains(bad["Email"], saved, StringComparison.Ordinal);
        Assert.DoesNotContain($"cli103-{tag}", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_puts_only_the_servers_json_on_stdout_with_the_same_exit_codes()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        var file = cli.WriteFile("json.csv", CliServer.UsersCsv([CliServer.User(tag, 110), CliServer.User(tag, 111, extension: "x")]));
        var r = await cli.RunAsync("users", "import", file, "--json");
        Assert.True(r.Code == 1, r.ToString());
        var job = CliServer.Json(r);
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal(1, job["failed"]!.GetValue<int>());
        Assert.Single(job["errors"]!.AsArray());

        var show = await cli.RunAsync("imports", "show", job["id"]!.ToString(), "--json");
        Assert.True(show.Code == 0, show.ToString());
        Assert.Equal(job["id"]!.GetValue<int>(), CliServer.Json(show)["id"]!.GetValue<int>());

        var queued = await cli.RunAsync("users", "import", file, "--no-wait", "--json");
        Assert.True(queued.Code == 0, queued.ToString());
        Assert.True(CliServer.Json(queued)["id"]!.GetValue<int>() > job["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dry_run_exits_0_without_failing_rows_1_with_them_and_changes_nothing()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        var before = (await cli.RunAsync("users", "export")).Stdout;
        var clean = await cli.RunAsync("users", "import", cli.WriteFile("dry.csv", CliServer.UsersCsv([CliServer.User(tag, 120)])), "--dry-run");
        Assert.True(clean.Code == 0, clean.ToString());
        Assert.Contains("created: 1", clean.Stdout, StringComparison.Ordinal);
        Assert.Contains("dry run", clean.Stderr, StringComparison.Ordinal);

        var failing = await cli.RunAsync("users", "import", cli.WriteFile("dry-bad.csv", CliServer.UsersCsv([CliServer.User(tag, 121, extension: "bad")])), "--dry-run");
        Assert.True(failing.Code == 1, failing.ToString());
        Assert.Equal(before, (await cli.RunAsync("users", "export")).Stdout);
    }

    [Fact]
    public async Task Exit_2_for_a_file_refused_whole_and_for_403_404_409_413_and_a_wrong_command_line()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);

        // A file refused whole: the job fails with "refused": true.
        var empty = await cli.RunAsync("users", "import", cli.WriteFile("empty.csv", ""), "--json");
        Assert.True(empty.Code == 2, empty.ToString());
        Assert.True(CliServer.Json(empty)["refused"]!.GetValue<bool>());
        var emptyText = await cli.RunAsync("users", "import", Path.Combine(cli.Home, "empty.csv"));
        Assert.True(emptyText.Code == 2, emptyText.ToString());
        Assert.Contains("empty", emptyText.Stderr, StringComparison.Ordinal);

        // 404 across what the caller may see.
        var missing = await cli.RunAsync("imports", "show", "987654");
        Assert.True(missing.Code == 2, missing.ToString());
        Assert.Contains("987654 was not found", missing.Stderr, StringComparison.Ordinal);
        AssertOneLine(missing.Stderr);

        // 409: a dry run has nothing to undo; and an import undone twice.
        var dry = CliServer.Json(await cli.RunAsync("users", "import", cli.WriteFile("undo-dry.csv", CliServer.UsersCsv([CliServer.User(Tag(), 130)])), "--dry-run", "--json"));
        var conflict = await cli.RunAsync("imports", "undo", dry["id"]!.ToString());
        Assert.True(conflict.Code == 2, conflict.ToString());
        AssertOneLine(conflict.Stderr);

        // 413: over the server's upload limit.
        var big = new StringBuilder(string.Join(',', Infrastructure.Csv.Headers)).Append("\r\n");
        for (var i = 0; big.Length <= CliServer.MaxFileBytes; i++) big.Append($",Big,Row,big{i}@example.test,,,,,,,,,,,,,,,\r\n");
        var tooLarge = await cli.RunAsync("users", "import", cli.WriteFile("big.csv", big.ToString()));
        Assert.True(tooLarge.Code == 2, tooLarge.ToString());
        Assert.Contains("(413)", tooLarge.Stderr, StringComparison.Ordinal);

        // 403: resellers never import.
        using var reseller = await host.SignedInAsync(host.ResellerAdmin);
        var forbidden = await reseller.RunAsync("users", "import", reseller.WriteFile("r.csv", CliServer.UsersCsv([CliServer.User(Tag(), 131)])));
        Assert.True(forbidden.Code == 2, forbidden.ToString());
        Assert.Contains("(403)", forbidden.Stderr, StringComparison.Ordinal);

        // The command line itself: an unknown option, a missing argument, a file that is not there.
        foreach (var args in new[] { new[] { "imports", "list", "--bogus" }, ["imports", "show"], ["users", "import", "no-such-file.csv"], ["frobnicate"] })
        {
            var wrong = await cli.RunAsync(args);
            Assert.True(wrong.Code == 2, $"{string.Join(' ', args)}: {wrong}");
            Assert.Empty(wrong.StdoutBytes);
        }
    }

    [Fact]
    public async Task Undo_waits_and_prints_what_it_reverted_then_the_history_shows_both()
    {
        using var cli = await host.SignedInAsync(host.ClientAdmin);
        var tag = Tag();
        var import = CliServer.Json(await cli.RunAsync("users", "import", cli.WriteFile("to-undo.csv", CliServer.UsersCsv([CliServer.User(tag, 140), CliServer.User(tag, 141)])), "--json"));
        var undo = await cli.RunAsync("imports", "undo", import["id"]!.ToString());
        Assert.True(undo.Code == 0, undo.ToString());
        Assert.Contains("reverted: 2", undo.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed: 0", undo.Stdout, StringComparison.Ordinal);

        var list = await cli.RunAsync("imports", "list");
        Assert.True(list.Code == 0, list.ToString());
        Assert.Contains("to-undo.csv", list.Stdout, StringComparison.Ordinal);
        Assert.Contains($"undone by", list.Stdout, StringComparison.Ordinal);
        var show = await cli.RunAsync("imports", "show", import["id"]!.ToString());
        Assert.True(show.Code == 0, show.ToString());
        Assert.Contains("undone by:", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_4_when_the_server_cannot_be_reached()
    {
        using var cli = new CliUser();
        cli.Environment["SWITCHBOARD_SERVER"] = "http://127.0.0.1:9"; // discard: nothing listens on loopback
        cli.Environment["SWITCHBOARD_TOKEN"] = "any";
        var r = await cli.RunAsync("imports", "list");
        Assert.True(r.Code == 4, r.ToString());
        Assert.Contains("cannot reach http://127.0.0.1:9", r.Stderr, StringComparison.Ordinal);
        AssertOneLine(r.Stderr);
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : File.GetUnixFileMode(path);

    private static void AssertOneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"one line: {stderr}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
