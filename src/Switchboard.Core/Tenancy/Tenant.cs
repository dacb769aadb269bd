using Switchboard.Core.Data;

namespace Switchboard.Core.Tenancy;

/// <summary>
/// The one place that decides what a caller can see. Every page, endpoint, export and import reads
/// through these queries, so something of another tenant is simply not found: "not yours" and
/// "does not exist" look the same.
/// </summary>
public sealed class Tenant(SwitchboardDb db, Caller caller)
{
    public Caller Caller => caller;

    public IQueryable<Reseller> Resellers => caller.Role switch
    {
        Roles.Admin => db.Resellers,
        Roles.Reseller => db.Resellers.Where(r => r.Id == caller.ResellerId),
        _ => db.Resellers.Where(_ => false),
    };

    public IQueryable<Client> Clients => caller.Role switch
    {
        Roles.Admin => db.Clients,
        Roles.Reseller => db.Clients.Where(c => c.ResellerId == caller.ResellerId),
        Roles.Client => db.Clients.Where(c => c.Id == caller.ClientId),
        _ => db.Clients.Where(_ => false),
    };

    public IQueryable<PbxUser> Users
    {
        get
        {
            var clients = Clients.Select(c => c.Id);
            return db.Users.Where(u => clients.Contains(u.ClientId));
        }
    }

    public IQueryable<UserProfile> Profiles
    {
        get
        {
            var clients = Clients.Select(c => c.Id);
            return db.UserProfiles.Where(p => clients.Contains(p.ClientId));
        }
    }

    public IQueryable<ImportJob> Imports
    {
        get
        {
            var clients = Clients.Select(c => c.Id);
            return db.ImportJobs.Where(j => clients.Contains(j.ClientId));
        }
    }

    /// <summary>
    /// Audit entries about the clients the caller can see (a client's administrators and its reseller);
    /// the platform administrator also sees entries outside any client (resellers, system templates).
    /// </summary>
    public IQueryable<AuditEntry> AuditEntries
    {
        get
        {
            if (caller.IsAdmin) return db.AuditEntries;
            if (!caller.CanSeeAuditLog) return db.AuditEntries.Where(_ => false);
            var clients = Clients.Select(c => c.Id);
            return db.AuditEntries.Where(a => a.ClientId != null && clients.Contains(a.ClientId.Value));
        }
    }

    /// <summary>Administrator sign-ins the caller manages (never PBX users).</summary>
    public IQueryable<SignIn> Accounts
    {
        get
        {
            var admins = db.SignIns.Where(s => s.Role != Roles.User);
            var clients = Clients.Select(c => c.Id);
            return caller.Role switch
            {
                Roles.Admin => admins,
                Roles.Reseller => admins.Where(s => s.ResellerId == caller.ResellerId || (s.ClientId != null && clients.Contains(s.ClientId.Value))),
                Roles.Client => admins.Where(s => s.ClientId == caller.ClientId),
                _ => admins.Where(_ => false),
            };
        }
    }

    /// <summary>Templates the caller can see: system ones, and those of its reseller and clients.</summary>
    public IQueryable<ProvisioningTemplate> Templates
    {
        get
        {
            var t = db.ProvisioningTemplates;
            switch (caller.Role)
            {
                case Roles.Admin:
                    return t;
                case Roles.Reseller:
                    var clients = Clients.Select(c => c.Id);
                    return t.Where(x => (x.ResellerId == null && x.ClientId == null) || x.ResellerId == caller.ResellerId ||
                                        (x.ClientId != null && clients.Contains(x.ClientId.Value)));
                case Roles.Client:
                    var resellerId = db.Clients.Where(c => c.Id == caller.ClientId).Select(c => c.ResellerId);
                    return t.Where(x => (x.ResellerId == null && x.ClientId == null) || x.ClientId == caller.ClientId ||
                                        (x.ClientId == null && x.ResellerId != null && resellerId.Contains(x.ResellerId.Value)));
                default:
                    return t.Where(_ => false);
            }
        }
    }

    /// <summary>Templates the caller may change: the ones its own scope owns.</summary>
    public bool Owns(ProvisioningTemplate t) => caller.Role switch
    {
        Roles.Admin => true,
        Roles.Reseller => t.ClientId == null && t.ResellerId == caller.ResellerId,
        Roles.Client => t.ClientId == caller.ClientId,
        _ => false,
    };

    /// <summary>
    /// The client an action is about: a client administrator's own, or the one named by
    /// <paramref name="clientId"/> when visible to the caller. Null when not visible (answer 404).
    /// </summary>
    public Client? ClientFor(int? clientId)
    {
        if (caller.IsClient && (clientId is null || clientId == caller.ClientId))
            return db.Clients.FirstOrDefault(c => c.Id == caller.ClientId);
        if (clientId is null) return null;
        return Clients.FirstOrDefault(c => c.Id == clientId);
    }
}
