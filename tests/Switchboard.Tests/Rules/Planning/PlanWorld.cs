using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;
using Switchboard.Core.Users.Values;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Tests.Rules;

/// <summary>A small world for planner tests: client 1 (the importer), client 2 (another tenant), models, templates, profiles.</summary>
internal sealed class PlanWorld
{
    public const int Client = 1;
    public const int OtherClient = 2;
    public const int Model = 10;
    public const int OtherModel = 11;
    /// <summary>Template made for <see cref="Model"/>.</summary>
    public const int Template = 100;
    /// <summary>Template made for <see cref="OtherModel"/>.</summary>
    public const int OtherModelTemplate = 101;
    /// <summary>A template that exists, but belongs to another client: not visible.</summary>
    public const int InvisibleTemplate = 102;
    public const int Profile = 50;

    public FakePlanState State { get; } = new();

    public PlanContext Context { get; } = new(
        Client,
        new HashSet<int> { Model, OtherModel },
        new Dictionary<int, int> { [Template] = Model, [OtherModelTemplate] = OtherModel },
        new HashSet<int> { Profile });

    /// <summary>Adds a valid softphone user; tweak the returned values (the state hands out clones).</summary>
    public UserValues AddUser(int id, string extension, string? email = null, int client = Client)
    {
        var u = new UserValues
        {
            Id = id,
            ClientId = client,
            FirstName = "First" + id,
            LastName = "Last" + id,
            Email = email ?? $"user{id}@example.com",
            PhoneSecret = "Kx7mPq2wZr9tYb4n",
            VoicemailPin = "4829",
            Extension = extension,
            CallWaitingOn = true,
        };
        State.Users.Add(u);
        return u;
    }

    public UserValues AddDeskUser(int id, string extension, string mac)
    {
        var u = AddUser(id, extension);
        u.PhoneModelId = Model;
        u.ProvisioningTemplateId = Template;
        u.MacAddress = mac;
        return u;
    }

    public List<RowPlan> Plan(params UserInput[] rows) => new Planner(Context, State).Plan(rows);

    public RowPlan PlanOne(UserInput row) => Assert.Single(Plan(row));
}

/// <summary>Builds rows as UsersCsvFile would hand them over (trimmed, un-guarded; null = column absent).</summary>
internal static class Row
{
    public static UserInput Of(int line, params (C Column, string Value)[] cells)
    {
        var input = UserInput.Empty(line);
        foreach (var (c, v) in cells) input.Cells[(int)c] = v;
        return input;
    }

    /// <summary>A create row with the required columns, plus any more cells.</summary>
    public static UserInput New(int line, string email, string extension, params (C Column, string Value)[] more) =>
        Of(line, [(C.Id, ""), (C.FirstName, "Ann"), (C.LastName, "Lee"), (C.Email, email), (C.Extension, extension), .. more]);

    /// <summary>An update row: the ID plus the given cells; other columns absent.</summary>
    public static UserInput Update(int line, int id, params (C Column, string Value)[] more) =>
        Of(line, [(C.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. more]);

    /// <summary>Every column as an export writes it for this user (secrets not exported: empty).</summary>
    public static UserInput Exported(int line, UserValues u) =>
        Of(line, [.. UserColumns.Fields.Select(f => (f.Column, f.Secret ? "" : f.Format(u) ?? ""))]);
}

internal static class PlanAssert
{
    /// <summary>The row failed with a cause on this column; returns the first such cause's message.</summary>
    public static string FailsOn(RowPlan plan, C column)
    {
        Assert.Equal(RowOutcome.Failed, plan.Outcome);
        Assert.Contains(plan.Causes, c => c.Column == column.Header());
        return plan.Causes.First(c => c.Column == column.Header()).Message;
    }

    public static void Succeeds(RowPlan plan, RowOutcome outcome)
    {
        Assert.True(plan.Causes.Count == 0, $"row {plan.Line} failed: " + string.Join(" | ", plan.Causes.Select(c => $"{c.Column}: {c.Message}")));
        Assert.Equal(outcome, plan.Outcome);
    }
}
