using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Undo;
using Switchboard.Tests.Http.Support;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Http;

/// <summary>
/// product.md, "Undo an import": 409 with a problem that says why for a dry run, an import not
/// completed, one already undone, an undo itself; 403 for resellers, the platform administrator and
/// PBX users; 404 across tenants, word for word the answer for a missing ID.
/// </summary>
public sealed class UndoRefusals(SwitchboardApp app) : IClassFixture<SwitchboardApp>
{
    [Fact]
    public async Task What_cannot_be_undone_answers_409_saying_why_and_changes_nothing()
    {
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var dry = await a1.ImportRows([w.Soft()], dryRun: true);
        var refusedWhole = await a1.Import("not a users.csv header\r\nx\r\n");
        Assert.Equal("failed", refusedWhole.Status);
        var import = await a1.ImportRows([w.Soft()]);
        var undo = await a1.Undo(import.Id);

        var problems = new Dictionary<string, Problem>
        {
            ["dry run"] = await a1.UndoRefused(dry.Id),
            ["failed"] = await a1.UndoRefused(refusedWhole.Id),
            ["already undone"] = await a1.UndoRefused(import.Id),
            ["undo"] = await a1.UndoRefused(undo.Id),
        };
        foreach (var (what, p) in problems)
        {
            Assert.True(p.Status == HttpStatusCode.Conflict, $"{what}: {p.Shape}");
            Assert.Equal("Conflict", p.Title);
        }
        Assert.Contains("Validate only", problems["dry run"].Detail, StringComparison.Ordinal);
        Assert.Contains("nothing of it was applied", problems["failed"].Detail, StringComparison.Ordinal);
        Assert.Contains($"already undone by {w.Emails["A1"]}", problems["already undone"].Detail, StringComparison.Ordinal);
        Assert.Contains("an undo cannot be undone", problems["undo"].Detail, StringComparison.Ordinal);
        Assert.Single((await a1.GetJson("/api/v1/imports?pageSize=100")).Items(), j => j.Str("kind") == "undo");
    }

    [Fact]
    public async Task Only_client_administrators_undo_and_other_tenants_imports_look_missing()
    {
        var w = await World.CreateAsync(app);
        var person = w.Person(("Web Passwords", "Pbx-User-Pass-517"));
        var import = await w.As["A1"].ImportRows([person]);
        var pbx = await app.SignInAsync(person["Email"], "Pbx-User-Pass-517");

        foreach (var (who, http) in new[] { ("reseller", w.As["resA"]), ("platform admin", w.Admin), ("PBX user", pbx) })
        {
            var p = await http.UndoRefused(import.Id);
            Assert.True(p.Status == HttpStatusCode.Forbidden, $"{who}: {p.Shape}");
            Assert.False(string.IsNullOrWhiteSpace(p.Detail));
        }
        var foreign = await w.As["A2"].UndoRefused(import.Id);
        var missing = await w.As["A2"].UndoRefused(Kit.Missing);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(missing.Shape, foreign.Shape);
        Assert.Null((await w.As["A1"].GetJson($"/api/v1/imports/{import.Id}"))["undoneBy"]?.GetValue<int?>());
        Assert.Single((await w.As["A1"].Export()).Rows);
    }
}

/// <summary>A host whose imports can be undone for no time at all (Import:UndoDays = 0).</summary>
public sealed class NoUndoWindowHost : IDisposable
{
    public SwitchboardApp App { get; } = new();

    public NoUndoWindowHost() => App.ExtraSettings["Import:UndoDays"] = "0";

    public void Dispose() => App.Dispose();
}

/// <summary>Past Import:UndoDays an import answers 409, and what it kept for its undo is deleted.</summary>
public sealed class UndoWindow(NoUndoWindowHost host) : IClassFixture<NoUndoWindowHost>
{
    [Fact]
    public async Task An_import_past_the_window_is_refused_and_its_undo_data_is_deleted()
    {
        var app = host.App;
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        var ids = await a1.CreateUsers(w.Soft());
        var import = await a1.ImportRows([new Dictionary<string, string> { ["ID"] = Kit.I(ids[0]), ["Department"] = "Changed" }], ["ID", "Department"]);

        var p = await a1.UndoRefused(import.Id);
        Assert.Equal(HttpStatusCode.Conflict, p.Status);
        Assert.Contains("can be undone for 0 days after it finished", p.Detail, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        // Kept sealed as at rest, until the window passes: the worker deletes it when idle; the same call here, so the test does not wait for the worker's round.
        var sealedSecrets = await db.ImportBeforeImages.Where(i => i.ImportJobId == import.Id)
            .Select(i => EF.Property<string>(i, "PhoneSecret") + " " + EF.Property<string>(i, "VoicemailPin")).ToListAsync();
        var secret = Assert.Single(sealedSecrets);
        Assert.Matches("^enc:v1:[^ ]+ enc:v1:", secret);
        await UndoData.ExpireAsync(db, scope.ServiceProvider.GetRequiredService<IOptions<UndoOptions>>().Value, CancellationToken.None);
        Assert.False(await db.ImportBeforeImages.AnyAsync(i => i.ImportJobId == import.Id));
        Assert.Equal("Changed", (await a1.GetUser(ids[0])).Str("department"));
    }
}

/// <summary>A host whose import worker does not run: an upload stays queued until a test moves it on.</summary>
public sealed class NoImportWorkerHost : IDisposable
{
    public SwitchboardApp App { get; } = new() { RunsImports = false };

    public void Dispose() => App.Dispose();
}

/// <summary>product.md, "Undo an import": an import that has not finished (queued, or running) answers 409 saying so.</summary>
public sealed class UndoOfAnUnfinishedImport(NoImportWorkerHost host) : IClassFixture<NoImportWorkerHost>
{
    [Fact]
    public async Task An_import_queued_or_running_answers_409_saying_it_has_not_finished_and_queues_nothing()
    {
        var app = host.App;
        var w = await World.CreateAsync(app);
        var a1 = w.As["A1"];
        using var upload = await a1.Upload(Encoding.UTF8.GetBytes(Csv.Write([w.Soft()])));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var location = upload.Headers.Location!.ToString();
        var import = await a1.GetJson(location);
        Assert.Equal("queued", import.Str("status"));

        var queued = await a1.UndoRefused(import.Id());
        // As if a worker (of this or another instance) had picked it up.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            await db.ImportJobs.Where(j => j.Id == import.Id())
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.StartedAt, DateTime.UtcNow));
        }
        var running = await a1.UndoRefused(import.Id());

        foreach (var (state, p) in new[] { ("queued", queued), ("running", running) })
        {
            Assert.True(p.Status == HttpStatusCode.Conflict, $"{state}: {p.Shape}");
            Assert.Equal("Conflict", p.Title);
            Assert.Contains($"Import {import.Id()} has not finished yet (it is {state})", p.Detail, StringComparison.Ordinal);
            Assert.Contains("Wait until it has completed, then undo it.", p.Detail, StringComparison.Ordinal);
        }
        var after = await a1.GetJson(location);
        Assert.Equal("running", after.Str("status"));
        Assert.Null(after["undoneBy"]?.GetValue<int?>());
        Assert.DoesNotContain((await a1.GetJson("/api/v1/imports?pageSize=100")).Items(), j => j.Str("kind") == "undo");
    }
}
