using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Registrar;

/// <summary>A registration of one of the caller's users.</summary>
public sealed record UserRegistration(int UserId, int ClientId, string Extension, string SipDomain, string Contact,
    string SourceAddress, string? UserAgent, DateTime? ExpiresAt);

public enum RegistrationState { Registered, Unregistered, Unknown }

/// <summary>
/// The registrations the caller may see: each registrar's address of record extension@domain is the
/// user with that extension in the client with that SIP domain, looked up through <see cref="Tenant"/>,
/// so another tenant's phones are simply not there.
/// </summary>
public sealed class RegisteredUsers(Tenant tenant, RegistrationBook book)
{
    private const int Chunk = 500;

    public async Task<(List<UserRegistration> Items, bool Complete)> ListAsync(int? clientId, CancellationToken ct)
    {
        var snapshot = await book.GetAsync(ct);
        var byDomain = snapshot.All.GroupBy(r => r.Domain).ToDictionary(g => g.Key, g => g.ToList());
        var items = new List<UserRegistration>();
        var clients = new List<(int Id, string SipDomain)>();
        foreach (var domains in byDomain.Keys.Chunk(Chunk))
        {
            var q = tenant.Clients.Where(c => domains.Contains(c.SipDomain));
            if (clientId is { } cid) q = q.Where(c => c.Id == cid);
            clients.AddRange((await q.Select(c => new { c.Id, c.SipDomain }).ToListAsync(ct)).Select(c => (c.Id, c.SipDomain)));
        }
        foreach (var (id, domain) in clients)
        {
            var registrations = byDomain[domain];
            foreach (var extensions in registrations.Select(r => r.Extension).Distinct().Chunk(Chunk))
            {
                var users = await tenant.Users.Where(u => u.ClientId == id && extensions.Contains(u.Extension))
                    .Select(u => new { u.Id, u.Extension }).ToListAsync(ct);
                var byExtension = users.ToDictionary(u => u.Extension, u => u.Id);
                items.AddRange(registrations.Where(r => extensions.Contains(r.Extension) && byExtension.ContainsKey(r.Extension))
                    .Select(r => new UserRegistration(byExtension[r.Extension], id, r.Extension, domain, r.Contact, r.SourceAddress, r.UserAgent, r.ExpiresAt)));
            }
        }
        items.Sort((a, b) => a.UserId != b.UserId ? a.UserId.CompareTo(b.UserId) : string.CompareOrdinal(a.Contact, b.Contact));
        return (items, snapshot.Complete);
    }

    /// <summary>
    /// Whether each of <paramref name="users"/> (ID, extension, the client's SIP domain) is registered now:
    /// registered when a registrar holds it, unregistered when every registrar answered without it, unknown otherwise.
    /// </summary>
    public async Task<Dictionary<int, RegistrationState>> StatesAsync(IEnumerable<(int Id, string Extension, string SipDomain)> users, CancellationToken ct)
    {
        var snapshot = await book.GetAsync(ct);
        return users.ToDictionary(u => u.Id, u =>
            snapshot.For(AddressOfRecord.Of(u.Extension, u.SipDomain)).Any() ? RegistrationState.Registered
            : snapshot.Complete ? RegistrationState.Unregistered : RegistrationState.Unknown);
    }

    /// <summary>One user's registrations (the caller has already found the user in its scope).</summary>
    public async Task<(List<Registration> Items, bool Complete)> OfAsync(string extension, string sipDomain, CancellationToken ct)
    {
        var snapshot = await book.GetAsync(ct);
        return ([.. snapshot.For(AddressOfRecord.Of(extension, sipDomain)).OrderBy(r => r.Contact, StringComparer.Ordinal)], snapshot.Complete);
    }
}
