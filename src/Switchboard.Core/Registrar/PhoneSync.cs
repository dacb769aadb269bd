using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Planning;

namespace Switchboard.Core.Registrar;

/// <summary>Work for <see cref="PhoneSyncWorker"/>.</summary>
public abstract record PhoneWork;

/// <summary>What to do to the phones registered as <see cref="Aor"/>: tell them to fetch their file again, then remove their registrations.</summary>
public sealed record PhoneJob(AddressOfRecord Aor, bool Notify, bool Remove) : PhoneWork;

/// <summary>What changed for many users at once: the users of a template, of a phone model, or of a client.</summary>
public enum PhoneGroup { Template, PhoneModel, Client }

/// <summary>
/// A change to what the files of every desk phone in a group hold (<see cref="PhoneGroup"/> <see cref="Id"/>),
/// found user by user by the worker, not the request. <see cref="OldDomain"/>: the client's SIP domain
/// before it changed, where its phones are registered and whose registrations no longer authenticate.
/// </summary>
public sealed record PhoneGroupJob(PhoneGroup Group, int Id, string? OldDomain = null) : PhoneWork;

/// <summary>
/// Phones follow changes: after a change is committed, the commands hand it here, and
/// <see cref="PhoneSyncWorker"/> sends the registered desk phones a NOTIFY check-sync and removes the
/// registrations whose credentials no longer exist, off the request path. Nothing here can fail a
/// save: the queue is in memory, and a registrar that does not answer only costs the phone its nudge.
/// </summary>
public sealed class PhoneSync(IOptions<RegistrarOptions> options)
{
    private readonly Channel<PhoneWork> _jobs = Channel.CreateUnbounded<PhoneWork>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<PhoneWork> Jobs => _jobs.Reader;

    /// <summary>Without a registrar there is no phone to tell (and nothing to queue).</summary>
    private bool Enabled => options.Value.Registrars.Any(u => !string.IsNullOrWhiteSpace(u));

    /// <summary>After users of the client with <paramref name="sipDomain"/> were created, changed or deleted (a save, an import, an undo).</summary>
    public void AfterChanges(IEnumerable<RowPlan> plans, string sipDomain)
    {
        if (!Enabled) return;
        foreach (var p in plans)
            if (p.Outcome == RowOutcome.Updated && p.Before is { } before && p.After is { } after && JobFor(before, after, sipDomain) is { } job)
                _jobs.Writer.TryWrite(job);
            else if (p.Outcome == RowOutcome.Deleted && p.Before is { } last)
                AfterDelete(last, sipDomain);
    }

    /// <summary>After a user was deleted: its desk phone is told (it will find no file) and its registrations go.</summary>
    public void AfterDelete(UserValues last, string sipDomain)
    {
        if (Enabled) _jobs.Writer.TryWrite(new PhoneJob(AddressOfRecord.Of(last.Extension, sipDomain), Notify: IsDeskPhone(last), Remove: true));
    }

    /// <summary><i>Resync phone</i>: tell the desk phones of these users (extension, SIP domain) to fetch their files again.</summary>
    public void Resync(IEnumerable<(string Extension, string SipDomain)> users)
    {
        if (!Enabled) return;
        foreach (var (extension, domain) in users) _jobs.Writer.TryWrite(new PhoneJob(AddressOfRecord.Of(extension, domain), Notify: true, Remove: false));
    }

    /// <summary>After a template's body changed: its users' desk phones fetch their files again.</summary>
    public void AfterTemplateChange(int templateId) => Queue(new PhoneGroupJob(PhoneGroup.Template, templateId));

    /// <summary>After a phone model's vendor changed (the file names its phones are answered under): its desk phones are told.</summary>
    public void AfterPhoneModelChange(int phoneModelId) => Queue(new PhoneGroupJob(PhoneGroup.PhoneModel, phoneModelId));

    /// <summary>
    /// After a client's name, default language or SIP domain changed (<c>client_name</c>, <c>language</c>,
    /// <c>sip_domain</c>): its desk phones are told. With <paramref name="oldDomain"/> (a new SIP domain),
    /// they are told where they are registered, and every registration of the client's users there is removed.
    /// </summary>
    public void AfterClientChange(int clientId, string? oldDomain) => Queue(new PhoneGroupJob(PhoneGroup.Client, clientId, oldDomain));

    private void Queue(PhoneGroupJob job)
    {
        if (Enabled) _jobs.Writer.TryWrite(job);
    }

    public static bool IsDeskPhone(UserValues u) => u.PhoneModelId is not null;

    /// <summary>
    /// The phone is registered under the old extension, so that is where it is told and what is removed.
    /// Registrations go when the credentials they were made with are gone (a new secret or extension).
    /// </summary>
    public static PhoneJob? JobFor(UserValues before, UserValues after, string sipDomain)
    {
        var credentials = CredentialsChanged(before, after);
        var notify = (IsDeskPhone(before) || IsDeskPhone(after)) && FileChanged(before, after);
        return notify || credentials ? new PhoneJob(AddressOfRecord.Of(before.Extension, sipDomain), notify, credentials) : null;
    }

    public static bool CredentialsChanged(UserValues before, UserValues after) =>
        before.PhoneSecret != after.PhoneSecret || before.Extension != after.Extension;

    /// <summary>Whether anything a desk phone's provisioning file is made from changed (not the web password, PIN or profile).</summary>
    public static bool FileChanged(UserValues b, UserValues a) =>
        CredentialsChanged(b, a) || b.FirstName != a.FirstName || b.LastName != a.LastName || b.Email != a.Email ||
        b.Department != a.Department || b.Language != a.Language || b.PhoneModelId != a.PhoneModelId ||
        b.ProvisioningTemplateId != a.ProvisioningTemplateId || b.MacAddress != a.MacAddress ||
        b.ForwardNumber != a.ForwardNumber || b.FollowmeNumber != a.FollowmeNumber || b.DndOn != a.DndOn || b.CallWaitingOn != a.CallWaitingOn;
}
