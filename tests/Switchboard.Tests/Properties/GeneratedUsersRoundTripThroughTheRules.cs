using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;
using Switchboard.Core.Users.Planning;
using Switchboard.Tests.Rules;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Properties;

/// <summary>
/// Import semantics 4 as a property, in process and in bulk: generated users written as the export
/// writes them, also after a spreadsheet saved the file again, read and planned, are all unchanged.
/// </summary>
public sealed class GeneratedUsersRoundTripThroughTheRules
{
    public const int Batches = 20;
    public const int UsersPerBatch = 100;

    [Fact]
    public void Generated_users_exported_and_imported_again_are_all_unchanged_also_after_a_spreadsheet_resave()
    {
        var seed = Seed.For(777);
        for (var batch = 0; batch < Batches; batch++)
        {
            var world = new PlanWorld();
            var generator = new UserGenerator(new Random(seed + batch), PlanWorld.Model, PlanWorld.Template, PlanWorld.Profile);
            var users = generator.Next(UsersPerBatch).Select((cells, i) => (Id: 1000 + i, Cells: cells)).ToList();
            foreach (var (id, cells) in users) world.State.Users.Add(Stored(id, cells));

            var exported = SpreadsheetSaves.Export(users);
            foreach (var (name, bytes) in SpreadsheetSaves.Resaved(exported).Prepend(("the export itself", exported)))
            {
                var plans = new Planner(world.Context, world.State).Plan(UsersCsvFile.Parse(bytes, new CsvLimits()).Inputs);
                Assert.True(plans.Count == users.Count, $"{name}, batch {batch}: {plans.Count} rows {Seed.Replay(seed)}");
                foreach (var p in plans)
                {
                    Assert.True(p.Outcome == RowOutcome.Unchanged,
                        $"{name}, batch {batch}, row {p.Line}: {p.Outcome} " +
                        string.Join(" | ", p.Causes.Select(c => $"{c.Column} \"{c.Value}\": {c.Message}")) +
                        $"; changed {string.Join(", ", p.After is null || p.Before is null ? [] : p.After.Changes(p.Before))} {Seed.Replay(seed)}");
                }
            }
        }
    }

    private static UserValues Stored(int id, Dictionary<C, string> c)
    {
        var u = new UserValues { Id = id, ClientId = PlanWorld.Client };
        foreach (var f in UserColumns.Fields.Where(f => f.Stored && f.Rule != UserRule.Key))
        {
            var v = c.GetValueOrDefault(f.Column, "");
            if (f.Text is not null) f.SetText!(u, v.Length == 0 ? null : v);
            else if (f.Number is not null) f.SetNumber!(u, v.Length == 0 ? null : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
            else f.SetSwitch!(u, v == "Yes");
        }
        return u;
    }
}
