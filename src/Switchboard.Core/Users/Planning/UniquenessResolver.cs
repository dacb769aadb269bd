using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Core.Users.Planning;

/// <summary>
/// Judges email, extension and MAC uniqueness against the state the whole file leads to, not line
/// by line: users may swap values within one file. Rows claiming the same value all fail and name
/// each other; a failed row keeps its old values, so rows that conflict with those fail too
/// (repeated until nothing changes).
/// </summary>
public static class UniquenessResolver
{
    private enum Key { Email, Extension, Mac }

    public static void Resolve(IReadOnlyList<RowPlan> plans, int clientId, IPlanState state)
    {
        var changing = plans.Where(p => p.Changes).ToList();
        if (changing.Count == 0) return;
        var emails = state.EmailHolders(clientId, Distinct(changing, Key.Email));
        var exts = state.ExtensionHolders(clientId, Distinct(changing, Key.Extension));
        var macs = state.MacHolders(clientId, Distinct(changing, Key.Mac));

        // Rows by the user they update, to say "that row failed" without a scan per conflict.
        var rowOfUser = new Dictionary<int, RowPlan>();
        foreach (var p in plans)
        {
            if (p.Before is { } b) rowOfUser.TryAdd(b.Id, p);
            else if (p.Outcome == RowOutcome.Failed && Values.IdValue.TryParse(p.Input[C.Id] ?? "", out var id)) rowOfUser.TryAdd(id, p);
        }

        while (true)
        {
            // Users whose values this file replaces: their current values no longer count.
            var moving = new HashSet<int>(changing.Where(p => p.Outcome == RowOutcome.Updated).Select(p => p.After!.Id));
            var newlyFailed = new HashSet<RowPlan>();
            foreach (var key in new[] { Key.Email, Key.Extension, Key.Mac })
            {
                var holders = key switch { Key.Email => emails, Key.Extension => exts, _ => macs };
                var claims = new Dictionary<string, List<RowPlan>>(StringComparer.Ordinal);
                foreach (var p in changing)
                {
                    if (Value(p.After!, key) is not { } val) continue;
                    if (!claims.TryGetValue(val, out var list)) claims[val] = list = [];
                    list.Add(p);
                }
                foreach (var (val, rows) in claims)
                {
                    if (rows.Count > 1)
                    {
                        foreach (var p in rows)
                        {
                            var others = string.Join(", ", rows.Where(o => o != p).Select(o => o.Line));
                            p.Causes.Add(Cause.For(Column(key), Shown(p, key),
                                $"The same {Column(key).Header()} is also given in row{(rows.Count > 2 ? "s" : "")} {others} of this file. " +
                                $"Each {Noun(key)} must be unique: change all but one of these rows."));
                            newlyFailed.Add(p);
                        }
                        continue;
                    }
                    var row = rows[0];
                    if (!holders.TryGetValue(val, out var h)) continue;
                    var self = row.Outcome == RowOutcome.Updated && h.ClientUser && h.Id == row.After!.Id;
                    if (self || (h.ClientUser && moving.Contains(h.Id))) continue;
                    row.Causes.Add(Cause.For(Column(key), Shown(row, key), Taken(key, h, rowOfUser)));
                    newlyFailed.Add(row);
                }
            }
            if (newlyFailed.Count == 0) return;
            foreach (var p in newlyFailed) p.Outcome = RowOutcome.Failed;
            changing.RemoveAll(newlyFailed.Contains);
        }
    }

    private static string Taken(Key key, Holder h, Dictionary<int, RowPlan> rowOfUser)
    {
        if (!h.ClientUser)
            return key == Key.Email
                ? "Is already used by another account (emails are unique across the whole system). Use a different email."
                : "Is already registered to another phone in the system. Check the MAC address on the phone's label.";
        var where = rowOfUser.TryGetValue(h.Id, out var failedRow) && failedRow.Outcome == RowOutcome.Failed
            ? $" (row {failedRow!.Line} would have changed it, but that row failed)"
            : "";
        return $"Is already used by user ID {h.Id}{where}. Give this user another {Noun(key)}, or change user {h.Id} in the same file.";
    }

    /// <summary>
    /// Values to look up holders for: only those a row takes on. A user keeping its own value is its
    /// only holder (the database guarantees it), so 100k updated rows do not mean 100k lookups.
    /// </summary>
    private static IReadOnlyCollection<string> Distinct(List<RowPlan> rows, Key key) =>
        rows.Where(p => p.Before is null || Value(p.Before, key) != Value(p.After!, key))
            .Select(p => Value(p.After!, key)).OfType<string>().Distinct().ToList();

    private static string? Value(UserValues v, Key key) => key switch
    {
        Key.Email => v.NormalizedEmail,
        Key.Extension => v.Extension,
        _ => v.MacAddress,
    };

    private static string Shown(RowPlan p, Key key) => p.Input[Column(key)] ?? Value(p.After!, key) ?? "";

    private static C Column(Key key) => key switch { Key.Email => C.Email, Key.Extension => C.Extension, _ => C.MacAddress };

    private static string Noun(Key key) => key switch { Key.Email => "email", Key.Extension => "extension", _ => "MAC address" };
}
