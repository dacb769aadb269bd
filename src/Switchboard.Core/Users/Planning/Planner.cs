using Switchboard.Core.Csv;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Users.Planning;

/// <summary>
/// Decides, for every row, whether it creates, updates, leaves unchanged or fails a user, judged
/// against the state the whole set of rows leads to. Writes nothing.
/// </summary>
public sealed class Planner(PlanContext ctx, IPlanState state)
{
    public List<RowPlan> Plan(IReadOnlyList<UserInput> inputs, IProgress<int>? progress = null)
    {
        var plans = new List<RowPlan>(inputs.Count);
        var ids = new Dictionary<int, List<RowPlan>>();
        foreach (var input in inputs)
        {
            var p = new RowPlan(input);
            plans.Add(p);
            if (input[UserColumn.Id] is { Length: > 0 } idText)
            {
                if (OneCellRow.Looks(idText))
                    p.Causes.Add(Cause.For(UserColumn.Id, OneCellRow.FirstValue(idText), OneCellRow.Why));
                else if (!IdValue.TryParse(idText, out var id))
                    p.Causes.Add(Cause.For(UserColumn.Id, idText,
                        "Must be a user's ID (a whole number from an export), or empty to create a new user."));
                else
                {
                    if (!ids.TryGetValue(id, out var list)) ids[id] = list = [];
                    list.Add(p);
                }
            }
        }
        var existing = state.UsersById(ctx.ClientId, ids.Keys);
        foreach (var (id, rows) in ids)
        {
            if (!existing.ContainsKey(id))
            {
                foreach (var p in rows)
                    p.Causes.Add(Cause.For(UserColumn.Id, p.Input[UserColumn.Id], NotFound(id)));
            }
            else if (rows.Count > 1)
            {
                foreach (var p in rows)
                    p.Causes.Add(Cause.For(UserColumn.Id, p.Input[UserColumn.Id],
                        $"User ID {id} is given in more than one row ({string.Join(", ", rows.Select(r => r.Line))}). " +
                        "Keep one row per user."));
            }
        }

        var evaluator = new RowEvaluator(ctx);
        void Evaluate(RowPlan p)
        {
            if (p.Fails) p.Outcome = RowOutcome.Failed;
            else
            {
                UserValues? before = null;
                if (p.Input[UserColumn.Id] is { Length: > 0 } idText) before = existing[int.Parse(idText, System.Globalization.CultureInfo.InvariantCulture)];
                evaluator.Evaluate(p, before);
            }
        }
        // Each row is judged on its own against read-only state (uniqueness comes after), so large files
        // use every core, while the database looks up the values new rows give.
        var holders = state;
        if (plans.Count >= ParallelFrom)
        {
            var prefetched = PrefetchedHolders.Start(state, ctx.ClientId, inputs.Where(i => string.IsNullOrEmpty(i[UserColumn.Id])));
            try
            {
                Parallel.For(0, plans.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Evaluate(plans[i]));
            }
            catch
            {
                // The connection must be free again before the caller rolls back; the judging error is the one to report.
                try { prefetched.Finish(); } catch { /* reported by the throw below */ }
                throw;
            }
            prefetched.Finish();
            holders = prefetched;
        }
        else
            foreach (var p in plans) Evaluate(p);
        UniquenessResolver.Resolve(plans, ctx.ClientId, holders);
        progress?.Report(plans.Count);
        return plans;
    }

    private const int ParallelFrom = 2_000;

    /// <summary>The same words whether the ID belongs to another client or to nobody: nothing leaks.</summary>
    public static string NotFound(int id) =>
        $"User ID {id} was not found. Use the ID from a fresh export of your users, or leave ID empty to create a new user.";
}
