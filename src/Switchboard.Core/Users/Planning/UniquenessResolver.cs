using System.Runtime.InteropServices;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Core.Users.Planning;

/// <summary>
/// Judges email, extension and MAC uniqueness against the state the whole file leads to, not line
/// by line: users may swap values within one file. Every row that claims a value another row of
/// the file claims fails and names the others (also when it fails for other reasons, so the
/// Error Log lists every cause). A failed row keeps its old values, so rows that conflict with
/// those fail too (repeated until nothing changes).
/// </summary>
public static class UniquenessResolver
{
    private enum Key { Email, Extension, Mac }

    private static readonly Key[] Keys = [Key.Email, Key.Extension, Key.Mac];

    public static void Resolve(IReadOnlyList<RowPlan> plans, int clientId, IPlanState state)
    {
        // Claimants: rows that would write, and failed rows that got far enough to say what they claim.
        var claimants = plans.Where(p => p.Changes || (p.Outcome == RowOutcome.Failed && p.After is not null)).ToList();
        if (!claimants.Any(p => p.Changes)) return;
        var holders = new Dictionary<Key, IReadOnlyDictionary<string, Holder>>
        {
            [Key.Email] = state.EmailHolders(clientId, Taken(claimants, Key.Email)),
            [Key.Extension] = state.ExtensionHolders(clientId, Taken(claimants, Key.Extension)),
            [Key.Mac] = state.MacHolders(clientId, Taken(claimants, Key.Mac)),
        };
        // Rows by the user they update, to say "that row failed" without a scan per conflict.
        var rowOfUser = new Dictionary<int, RowPlan>();
        foreach (var p in plans)
        {
            if (p.Before is { } b) rowOfUser.TryAdd(b.Id, p);
            else if (p.Outcome == RowOutcome.Failed && Values.IdValue.TryParse(p.Input[C.Id] ?? "", out var id)) rowOfUser.TryAdd(id, p);
        }
        var reported = new HashSet<(RowPlan, Key)>();

        while (true)
        {
            // Users whose values passing rows replace: their current values no longer count.
            var moving = new HashSet<int>(claimants.Where(p => p.Outcome == RowOutcome.Updated).Select(p => p.After!.Id));
            var newlyFailed = new List<RowPlan>();
            foreach (var key in Keys)
            {
                // One row per value, and lists only for values claimed more than once (rare): a list per
                // value cost more than the rest of resolving a 100k-row file.
                var single = new Dictionary<string, RowPlan>(claimants.Count, StringComparer.Ordinal);
                Dictionary<string, List<RowPlan>>? shared = null;
                foreach (var p in claimants)
                {
                    if (Claimed(p, key) is not { } val) continue;
                    ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(single, val, out var exists);
                    if (!exists) { first = p; continue; }
                    shared ??= new(StringComparer.Ordinal);
                    if (!shared.TryGetValue(val, out var list)) shared[val] = list = [first!];
                    list.Add(p);
                }
                foreach (var rows in shared?.Values ?? Enumerable.Empty<List<RowPlan>>())
                {
                    foreach (var p in rows)
                    {
                        var others = OtherRows(rows, p);
                        Fail(p, key, $"The same {Column(key).Header()} is also given in row{(rows.Count > 2 ? "s" : "")} {others} of this file. " +
                                     $"Each {Noun(key)} must be unique: change all but one of these rows.");
                    }
                }
                foreach (var (val, row) in single)
                {
                    if (shared?.ContainsKey(val) == true || !holders[key].TryGetValue(val, out var h)) continue;
                    var self = row.Before is not null && h.ClientUser && h.Id == row.Before.Id;
                    if (self || (h.ClientUser && moving.Contains(h.Id))) continue;
                    Fail(row, key, TakenMessage(key, h, rowOfUser));
                }
            }
            if (newlyFailed.Count == 0) return;

            void Fail(RowPlan p, Key key, string message)
            {
                if (!reported.Add((p, key))) return;
                p.Causes.Add(Cause.For(Column(key), Shown(p, key), message));
                if (p.Outcome != RowOutcome.Failed) newlyFailed.Add(p);
                p.Outcome = RowOutcome.Failed;
            }
        }
    }

    /// <summary>The value a row claims for a key: a failed row claims only what it gives and changes.</summary>
    private static string? Claimed(RowPlan p, Key key)
    {
        var value = Value(p.After!, key);
        if (string.IsNullOrEmpty(value)) return null;
        if (p.Outcome == RowOutcome.Failed && p.Before is { } b && Value(b, key) == value) return null;
        return value;
    }

    private static string TakenMessage(Key key, Holder h, Dictionary<int, RowPlan> rowOfUser)
    {
        if (!h.ClientUser)
            return key == Key.Email
                ? "Is already used by another account (emails are unique across the whole system). Use a different email."
                : "Is already registered to another phone in the system. Check the MAC address on the phone's label.";
        var where = rowOfUser.TryGetValue(h.Id, out var failedRow) && failedRow.Outcome == RowOutcome.Failed
            ? $" (row {failedRow.Line} would have changed it, but that row failed)"
            : "";
        return $"Is already used by user ID {h.Id}{where}. Give this user another {Noun(key)}, or change user {h.Id} in the same file.";
    }

    /// <summary>At most this many other rows are named: a value claimed by 10,000 rows must not make a report of 10,000².</summary>
    private const int NamedRows = 10;

    private static string OtherRows(List<RowPlan> rows, RowPlan self)
    {
        var others = rows.Where(o => o != self).Select(o => o.Line);
        var count = rows.Count - 1;
        var named = string.Join(", ", others.Take(NamedRows));
        return count <= NamedRows ? named : $"{named} and {count - NamedRows:N0} more";
    }

    /// <summary>
    /// Values to look up holders for: only those a row takes on. A user keeping its own value is its
    /// only holder (the database guarantees it), so 100k updated rows do not mean 100k lookups.
    /// </summary>
    private static IReadOnlyCollection<string> Taken(List<RowPlan> rows, Key key) =>
        rows.Where(p => p.Before is null || Value(p.Before, key) != Value(p.After!, key))
            .Select(p => Claimed(p, key)).OfType<string>().Distinct().ToList();

    private static string? Value(UserValues v, Key key) => key switch
    {
        Key.Email => v.Email.Length == 0 ? null : v.NormalizedEmail,
        Key.Extension => v.Extension,
        _ => v.MacAddress,
    };

    private static string Shown(RowPlan p, Key key) => p.Input[Column(key)] ?? Value(p.After!, key) ?? "";

    private static C Column(Key key) => key switch { Key.Email => C.Email, Key.Extension => C.Extension, _ => C.MacAddress };

    private static string Noun(Key key) => key switch { Key.Email => "email", Key.Extension => "extension", _ => "MAC address" };
}
