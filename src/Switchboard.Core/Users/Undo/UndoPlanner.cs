using System.Globalization;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Users.Undo;

/// <summary>
/// Decides, for every user an import created or updated, what its undo does: delete it (created),
/// give it back its earlier values (updated), or leave it as it is, with the cause, when it changed
/// since, is gone, or a value it would get back is held by another user now. Writes nothing: the
/// plans go through the one applier (<see cref="Storage.UserBatch"/>), as an import's do.
/// </summary>
public static class UndoPlanner
{
    public static List<RowPlan> Plan(PlanContext ctx, IPlanState state, IReadOnlyList<BeforeImage> images,
        IReadOnlyDictionary<int, UserValues> current, IReadOnlyDictionary<int, string?> hashes, IReadOnlyDictionary<int, LaterChange> later)
    {
        var plans = new List<RowPlan>(images.Count);
        foreach (var image in images)
        {
            var now = current.GetValueOrDefault(image.UserId);
            var p = new RowPlan(Identify(image, now)) { Before = now };
            plans.Add(p);
            later.TryGetValue(image.UserId, out var change);
            if (now is null)
                Fail(p, change is { Action: "user.delete" } ? $"Not reverted: deleted since by {By(change)}." : "Not reverted: the user no longer exists.");
            else if (change is not null)
                Fail(p, $"Not reverted: changed since by {By(change)}. The user keeps its current values.");
            else if (image.Created)
                p.Outcome = RowOutcome.Deleted;
            else
                Restore(p, ctx, image, now, hashes.GetValueOrDefault(now.Id));
        }
        Unique(plans, ctx.ClientId, state);
        return plans;
    }

    private static void Restore(RowPlan p, PlanContext ctx, BeforeImage image, UserValues now, string? hash)
    {
        var after = image.Values!.Clone();
        after.Id = now.Id;
        after.ClientId = now.ClientId;
        after.IpAddress = now.IpAddress; // the phone system's, never an import's
        // A catalog item the user had may have been deleted since (an item in use cannot be).
        Missing(p, UserColumn.PhoneModelId, after.PhoneModelId, now.PhoneModelId, ctx.PhoneModels.Contains, "Phone model");
        Missing(p, UserColumn.ProvisioningTemplateId, after.ProvisioningTemplateId, now.ProvisioningTemplateId, ctx.TemplateModel.ContainsKey, "Provisioning template");
        Missing(p, UserColumn.UserProfileId, after.UserProfileId, now.UserProfileId, ctx.Profiles.Contains, "User profile");
        if (p.Fails)
        {
            p.Outcome = RowOutcome.Failed;
            return;
        }
        p.After = after;
        if (image.PasswordHash != hash)
        {
            if (image.PasswordHash is null) p.ClearsPassword = true;
            else p.NewPasswordHash = image.PasswordHash;
        }
        p.Outcome = after.SameAs(now) && !p.SetsPassword ? RowOutcome.Unchanged : RowOutcome.Updated;
    }

    private static void Missing(RowPlan p, UserColumn column, int? wanted, int? now, Func<int, bool> exists, string what)
    {
        if (wanted is { } id && id != now && !exists(id))
            p.Causes.Add(Cause.For(column, id.ToString(CultureInfo.InvariantCulture),
                $"Not reverted: {what} {id} was deleted since, so the user keeps its current values. Choose another one on the Users page."));
    }

    /// <summary>
    /// Values the restored users get back must be free in the state the undo leads to: a user that
    /// holds one now and keeps it (not in this undo, or left as it is) makes that row fail, which may
    /// in turn keep a value another row waited for; so until nothing changes.
    /// </summary>
    private static void Unique(List<RowPlan> plans, int clientId, IPlanState state)
    {
        var restored = plans.Where(p => p.Outcome == RowOutcome.Updated).ToList();
        if (restored.Count == 0) return;
        var byId = plans.Where(p => p.Before is not null).ToDictionary(p => p.Before!.Id);
        var emails = state.EmailHolders(clientId, Wanted(restored, v => v.NormalizedEmail));
        var extensions = state.ExtensionHolders(clientId, Wanted(restored, v => v.Extension));
        var macs = state.MacHolders(clientId, Wanted(restored, v => v.MacAddress));
        bool changed;
        do
        {
            changed = false;
            foreach (var p in restored)
            {
                if (p.Outcome != RowOutcome.Updated) continue;
                var held = Held(p, byId, emails, v => v.NormalizedEmail) is { } e
                    ? Cause.For(UserColumn.Email, p.After!.Email, $"Not reverted: this email is now used by {Whom(e)}, which is left as it is; the user keeps its current values.")
                    : Held(p, byId, extensions, v => v.Extension) is { } x
                        ? Cause.For(UserColumn.Extension, p.After!.Extension, $"Not reverted: this extension is now held by {Whom(x)}, which is left as it is; the user keeps its current values.")
                        : Held(p, byId, macs, v => v.MacAddress) is { } m
                            ? Cause.For(UserColumn.MacAddress, p.After!.MacAddress, $"Not reverted: this MAC address is now used by {Whom(m)}, which is left as it is; the user keeps its current values.")
                            : null;
                if (held is null) continue;
                p.Causes.Add(held);
                p.Outcome = RowOutcome.Failed;
                p.NewPasswordHash = null;
                p.ClearsPassword = false;
                changed = true;
            }
        } while (changed);
    }

    private static List<string> Wanted(List<RowPlan> restored, Func<UserValues, string?> value)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in restored)
            if (value(p.After!) is { } v && v != value(p.Before!)) wanted.Add(v);
        return [.. wanted];
    }

    /// <summary>Who holds the value <paramref name="p"/> wants back and keeps it, or null when it is free then.</summary>
    private static Holder? Held(RowPlan p, Dictionary<int, RowPlan> byId, IReadOnlyDictionary<string, Holder> holders, Func<UserValues, string?> value)
    {
        var wanted = value(p.After!);
        if (wanted is null || wanted == value(p.Before!) || !holders.TryGetValue(wanted, out var h) || h.Id == p.Before!.Id) return null;
        if (byId.TryGetValue(h.Id, out var q) && (q.Outcome == RowOutcome.Deleted || (q.Outcome == RowOutcome.Updated && value(q.After!) != wanted)))
            return null; // this undo takes it from that user
        return h;
    }

    /// <summary>Another client's user or an administrator is never named (tenancy); a user of the client is, by ID.</summary>
    private static string Whom(Holder h) => h.ClientUser ? $"user ID {h.Id}" : "another account";

    private static string By(LaterChange c) =>
        $"{c.Actor} ({c.Source}) at {c.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    private static void Fail(RowPlan p, string message)
    {
        p.Causes.Add(new Cause("", "", message));
        p.Outcome = RowOutcome.Failed;
    }

    /// <summary>What the report shows of the row: the import's row number, the user's ID, email and name (as now, or as it was).</summary>
    private static UserInput Identify(BeforeImage image, UserValues? now)
    {
        var v = now ?? image.Values;
        var cells = new string?[UserColumns.Count];
        cells[(int)UserColumn.Id] = image.UserId.ToString(CultureInfo.InvariantCulture);
        cells[(int)UserColumn.Email] = v?.Email;
        cells[(int)UserColumn.FirstName] = v?.FirstName;
        cells[(int)UserColumn.LastName] = v?.LastName;
        return new UserInput(image.Row, cells);
    }
}
