using System.Text;

namespace Switchboard.Tests.Http.TenantWalls;

/// <summary>
/// What a probe sends: JSON (API), a form (pages; the antiforgery token is added), a CSV file (multipart,
/// with the form fields beside it). <see cref="Kind"/> says which owner a clientId/resellerId in it names.
/// </summary>
public sealed record Body(Kind Kind, Func<Call, object>? Json = null, Func<Call, Dictionary<string, string>>? Form = null,
    Func<Call, byte[]>? File = null);

/// <summary>One call of one probe: who calls, whose thing it names and its ID, and a number unique to the call.</summary>
public sealed record Call(Walls W, Role Role, Owner Owner, int Id, int N)
{
    public string Tag => W.Tag;
    /// <summary>The marker of the owner the call names ("" for none, the system or a missing ID).</summary>
    public string Mark => W.Marker(Owner);
    /// <summary>The marker of the caller's own scope: what it creates carries it.</summary>
    public string MyMark => W.Marker(W.ScopeOf(Role));
    public string NewEmail(string prefix) => $"{prefix}-{N}-{Tag}@walls.test";
    public string NewExtension => (6000 + N).ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string I => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Valid bodies: where the table expects success, the 2xx (or the page's redirect) proves the rule.</summary>
public static class Bodies
{
    private static Body J(Func<Call, object> f, Kind kind = Kind.None) => new(kind, Json: f);
    private static Body F(Func<Call, Dictionary<string, string>> f, Kind kind = Kind.None) => new(kind, Form: f);

    // API (JSON).
    public static readonly Body Token = J(c => new { email = c.W.Credentials(c.Role).Email, password = c.W.Credentials(c.Role).Password });
    public static readonly Body Settings = J(c => new { dndOn = c.N % 2 == 0 });
    public static readonly Body Reseller = J(c => new { name = $"Walls reseller {c.Tag} {c.N}" });
    public static readonly Body Client = J(c => new { name = $"Walls client {c.Tag} {c.N}", resellerId = c.Id }, Kind.Reseller);
    public static readonly Body ClientAccount = J(c => new { email = c.NewEmail("acct"), password = Walls.Password, role = "client", clientId = c.Id }, Kind.Client);
    public static readonly Body ResellerAccount = J(c => new { email = c.NewEmail("racct"), password = Walls.Password, role = "reseller", resellerId = c.Id }, Kind.Reseller);
    public static readonly Body PhoneModel = J(c => new { vendor = "Walls", model = $"M{c.N}-{c.Tag}" });
    public static readonly Body NewTemplate = J(c => new { name = $"{c.MyMark} tpl {c.N}", phoneModelId = c.W.Pm, body = "x" });
    public static readonly Body Template = J(c => new { name = $"{c.Mark} tpl {c.N}", phoneModelId = c.W.Pm, body = "y" });
    public static readonly Body NewProfile = J(c => new { name = $"{c.Mark} prof {c.N}", clientId = c.Id }, Kind.Client);
    public static readonly Body Profile = J(c => new { name = $"{c.Mark} prof {c.N}" });
    public static readonly Body NewUser = J(c => new
    {
        clientId = c.Id, firstName = "Walls", lastName = $"{c.Mark} {c.N}", email = c.NewEmail("new"), extension = c.NewExtension,
    }, Kind.Client);
    public static readonly Body User = J(c => new { department = $"{c.Mark} d{c.N}" });
    public static readonly Body ImportFile = new(Kind.None, File: Csv);
    public static readonly Body Resync = J(c => new { userIds = new[] { c.Id } }, Kind.User);
    // Renames keep the names the marker check looks for ("Reseller A <tag>", "Client A1 <tag>") as their start.
    public static readonly Body ResellerRename = J(c => new { name = $"{OwnerName(c)} r{c.N}" });
    public static readonly Body ClientChange = J(c => new { name = $"{OwnerName(c)} c{c.N}", defaultLanguage = "fr", sipDomain = $"walls-{c.N}-{c.Tag}.voice.example" });
    public static readonly Body PhoneModelRename = J(c => new { model = $"VVX450-{c.Tag} m{c.N}" });
    public static readonly Body AccountPassword = J(c => new { password = $"Walls-New-Pass-{c.N}" });
    public static readonly Body AccountDisable = J(_ => new { disabled = true });

    // Pages (forms).
    public static readonly Body EmptyForm = F(_ => []);
    public static readonly Body ResyncForm = F(c => new() { ["ids"] = c.I }, Kind.User);
    public static readonly Body LoginForm = F(c => new() { ["Email"] = c.W.Credentials(c.Role).Email, ["Password"] = c.W.Credentials(c.Role).Password });
    public static readonly Body MeForm = F(_ => new()
    {
        ["dndOn"] = "true", ["callWaitingOn"] = "true", ["forwardNumber"] = "", ["followmeNumber"] = "", ["voicemailPin"] = "", ["webPassword"] = "",
    });
    public static readonly Body ImportForm = new(Kind.None, Form: _ => new() { ["mode"] = "validate" }, File: Csv);
    public static readonly Body NewUserForm = F(c => UserFields("Walls", $"{c.Mark} {c.N}", c.NewEmail("page"), c.NewExtension, ""), Kind.Client);
    public static readonly Body UserForm = F(c =>
    {
        var u = c.W.UserRow(c.Id);
        return UserFields(u.FirstName, u.LastName, u.Email, u.Extension, $"{c.Mark} p{c.N}");
    });
    public static readonly Body NewProfileForm = F(c => new() { ["name"] = $"{c.MyMark} prof {c.N}" });
    public static readonly Body ProfileForm = F(c => new() { ["Name"] = $"{c.Mark} prof {c.N}" });
    public static readonly Body PhoneModelForm = F(c => new() { ["vendor"] = "Walls", ["model"] = $"P{c.N}-{c.Tag}" });
    public static readonly Body NewTemplateForm = F(c => new() { ["name"] = $"{c.MyMark} tpl {c.N}", ["phoneModelId"] = $"{c.W.Pm}", ["body"] = "x" });
    public static readonly Body TemplateForm = F(c => new() { ["Name"] = $"{c.Mark} tpl {c.N}", ["PhoneModelId"] = $"{c.W.Pm}", ["Body"] = "z" });
    public static readonly Body NewClientForm = F(c => new() { ["name"] = $"Walls client {c.Tag} {c.N}", ["resellerId"] = c.I, ["defaultLanguage"] = "" }, Kind.Reseller);
    public static readonly Body ClientAdminForm = F(c => new() { ["clientId"] = c.I, ["email"] = c.NewEmail("cadm"), ["password"] = Walls.Password }, Kind.Client);
    public static readonly Body ResellerRenameForm = F(c => new() { ["Name"] = $"{OwnerName(c)} r{c.N}" });
    public static readonly Body ClientForm = F(c => new()
    {
        ["Name"] = $"{OwnerName(c)} c{c.N}", ["DefaultLanguage"] = "de", ["SipDomain"] = $"walls-page-{c.N}-{c.Tag}.voice.example",
    });
    public static readonly Body PhoneModelRenameForm = F(c => new() { ["Vendor"] = "Polycom", ["Model"] = $"VVX450-{c.Tag} p{c.N}" });
    public static readonly Body NewAccountForm = F(c => new() { ["scope"] = $"client:{c.I}", ["email"] = c.NewEmail("pacct"), ["password"] = Walls.Password }, Kind.Client);
    public static readonly Body DisableForm = F(_ => new() { ["disabled"] = "true" });
    public static readonly Body PasswordForm = F(c => new() { ["password"] = $"Walls-Page-Pass-{c.N}" });
    public static readonly Body NewResellerForm = F(c => new() { ["name"] = $"Walls reseller {c.Tag} {c.N}" });
    public static readonly Body ResellerAdminForm = F(c => new() { ["resellerId"] = c.I, ["email"] = c.NewEmail("radm"), ["password"] = Walls.Password }, Kind.Reseller);

    /// <summary>The name World gave the owner named (so a rename keeps it as its start), or a plain one.</summary>
    private static string OwnerName(Call c) => c.Owner switch
    {
        Owner.RA => $"Reseller A {c.Tag}", Owner.RB => $"Reseller B {c.Tag}",
        Owner.A1 => $"Client A1 {c.Tag}", Owner.A2 => $"Client A2 {c.Tag}", Owner.B1 => $"Client B1 {c.Tag}",
        _ => $"Walls {c.Tag}",
    };

    /// <summary>One new user for the caller's own client (import: a client administrator's file).</summary>
    private static byte[] Csv(Call c) => Encoding.UTF8.GetBytes(
        $"First Name,Last Name,Email,Extension\r\nWalls,{c.MyMark} import {c.N},{c.NewEmail("imp")},{c.NewExtension}\r\n");

    private static Dictionary<string, string> UserFields(string first, string last, string email, string extension, string department) => new()
    {
        ["firstName"] = first, ["lastName"] = last, ["email"] = email, ["extension"] = extension, ["department"] = department,
        ["language"] = "", ["phoneModelId"] = "", ["provisioningTemplateId"] = "", ["macAddress"] = "", ["userProfileId"] = "",
        ["forwardNumber"] = "", ["followmeNumber"] = "", ["callWaitingOn"] = "true", ["phoneSecret"] = "", ["voicemailPin"] = "", ["webPassword"] = "",
    };
}
