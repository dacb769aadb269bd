using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Data;

namespace Switchboard.Core.Users.Planning;

public static class PlanContextLoader
{
    /// <summary>The phone models, templates (the client's own, its reseller's and system ones) and profiles a client may use.</summary>
    public static PlanContext Load(SwitchboardDb db, Client client)
    {
        var models = db.PhoneModels.AsNoTracking().Select(m => m.Id).ToHashSet();
        var templates = db.ProvisioningTemplates.AsNoTracking()
            .Where(t => t.ClientId == client.Id || (t.ClientId == null && t.ResellerId == client.ResellerId) || (t.ClientId == null && t.ResellerId == null))
            .Select(t => new { t.Id, t.PhoneModelId })
            .ToDictionary(t => t.Id, t => t.PhoneModelId);
        var profiles = db.UserProfiles.AsNoTracking().Where(p => p.ClientId == client.Id).Select(p => p.Id).ToHashSet();
        return new PlanContext(client.Id, models, templates, profiles);
    }
}
