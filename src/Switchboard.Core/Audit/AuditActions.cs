namespace Switchboard.Core.Audit;

/// <summary>
/// The audit log's actions in words, for people ("Created user", not <c>user.create</c>): the page
/// shows these and filters by them; the API keeps the codes. An action not listed here is shown
/// from its code ("thing.do-it" → "Thing: do it"), so a new one is never hidden.
/// </summary>
public static class AuditActions
{
    public static readonly IReadOnlyList<(string Code, string Words)> All =
    [
        ("user.create", "Created user"),
        ("user.update", "Changed user"),
        ("user.delete", "Deleted user"),
        ("user.resync", "Resynced phone"),
        ("user.secrets-read", "Read phone secret and PIN"),
        ("users.import", "Imported users.csv"),
        ("users.undo", "Undid an import"),
        ("users.export", "Exported users.csv"),
        ("account.create", "Created administrator"),
        ("account.update", "Changed administrator"),
        ("account.delete", "Deleted administrator"),
        ("account.sign-out-everywhere", "Signed out everywhere"),
        ("client.create", "Created client"),
        ("client.update", "Changed client"),
        ("client.delete", "Deleted client"),
        ("reseller.create", "Created reseller"),
        ("reseller.update", "Changed reseller"),
        ("reseller.delete", "Deleted reseller"),
        ("template.create", "Created provisioning template"),
        ("template.update", "Changed provisioning template"),
        ("template.delete", "Deleted provisioning template"),
        ("profile.create", "Created user profile"),
        ("profile.update", "Changed user profile"),
        ("profile.delete", "Deleted user profile"),
        ("phone-model.create", "Created phone model"),
        ("phone-model.update", "Changed phone model"),
        ("phone-model.delete", "Deleted phone model"),
        ("provisioning.password-set", "Set provisioning password"),
        ("provisioning.previous-retired", "Retired previous provisioning password"),
    ];

    private static readonly Dictionary<string, string> ByCode = All.ToDictionary(a => a.Code, a => a.Words);

    public static string Words(string code)
    {
        if (ByCode.TryGetValue(code, out var words)) return words;
        var dot = code.IndexOf('.');
        var text = dot < 0 ? code.Replace('-', ' ') : code[..dot].Replace('-', ' ') + ": " + code[(dot + 1)..].Replace('-', ' ');
        return text.Length == 0 ? code : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>What the source filter offers: how a change was made.</summary>
    public static readonly IReadOnlyList<(string Value, string Words)> Sources =
    [
        ("page", "Web pages"),
        ("api", "API"),
        ("self-service", "Self-service"),
        ("import", "Imports (any)"),
        ("undo", "Undos of imports"),
    ];

    /// <summary>A source in words: "import 12" → "Import 12", "api" → "API".</summary>
    public static string SourceWords(string source) => source switch
    {
        "api" => "API",
        "page" => "Web page",
        "self-service" => "Self-service",
        "seed" => "Setup",
        _ when source.StartsWith("import ", StringComparison.Ordinal) => "Import " + source[7..],
        _ when source.StartsWith("undo of import ", StringComparison.Ordinal) => "Undo of import " + source[15..],
        _ => source,
    };
}
