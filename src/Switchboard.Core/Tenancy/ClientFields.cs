using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;
using Switchboard.Core.Users.Values;

namespace Switchboard.Core.Tenancy;

/// <summary>A client's values as an administrator types them (API body or form). Null leaves a value as it is when editing.</summary>
public sealed record ClientFields(string? Name, string? DefaultLanguage, string? SipDomain)
{
    public sealed record Checked(string Name, string Language, string Domain, Dictionary<string, string[]> Errors, (string Field, string Message)? Conflict);

    /// <summary>
    /// The values to store for a new client of <paramref name="resellerId"/> (<paramref name="current"/> null)
    /// or a change to <paramref name="current"/>, with messages by field (400) or the one conflict (409).
    /// </summary>
    public async Task<Checked> CheckAsync(SwitchboardDb db, SipOptions sip, int resellerId, Client? current, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Name?.Trim() ?? current?.Name ?? "";
        if (name.Length == 0) errors["name"] = ["Enter the client's name."];
        else if (name.Length > 200) errors["name"] = [$"Is {name.Length} characters long; a client's name has at most 200."];

        var language = current?.DefaultLanguage ?? "en";
        if (!string.IsNullOrWhiteSpace(DefaultLanguage) && !LanguageValue.TryNormalize(DefaultLanguage, out language))
            errors["defaultLanguage"] = [LanguageValue.Problem(DefaultLanguage)];
        else if (DefaultLanguage is not null && string.IsNullOrWhiteSpace(DefaultLanguage) && current is not null)
            errors["defaultLanguage"] = ["Enter the client's default language, e.g. en."];

        // A new client without a domain gets one made from its name; an edit keeps its own unless given one.
        var given = SipDomain is not null && (current is not null || !string.IsNullOrWhiteSpace(SipDomain));
        var domain = given ? Tenancy.SipDomain.Normalize(SipDomain!) : current?.SipDomain ?? Tenancy.SipDomain.DerivedFrom(name, sip.DomainSuffix);
        if (given && Tenancy.SipDomain.Check(domain, sip.DomainSuffix) is { } problem) errors["sipDomain"] = [problem];
        if (errors.Count > 0) return new Checked(name, language, domain, errors, null);

        var id = current?.Id ?? 0;
        if (await db.Clients.AnyAsync(c => c.ResellerId == resellerId && c.Name == name && c.Id != id, ct))
            return new Checked(name, language, domain, errors, ("name", $"This reseller already has a client named \"{name}\"."));
        if (await db.Clients.AnyAsync(c => c.SipDomain == domain && c.Id != id, ct))
        {
            // Uniqueness may tell that a domain is taken, never by whom (as for emails).
            if (given) return new Checked(name, language, domain, errors, ("sipDomain", $"The SIP domain {domain} is already used by another client."));
            domain = Tenancy.SipDomain.Tagged(domain);
        }
        return new Checked(name, language, domain, errors, null);
    }
}
