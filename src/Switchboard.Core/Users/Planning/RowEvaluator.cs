using Switchboard.Core.Users.Values;
using C = Switchboard.Core.Users.UserColumn;

namespace Switchboard.Core.Users.Planning;

/// <summary>
/// The rules of users.csv for one user, shared by the import, the API and the web form. Works out
/// the user as the row leaves it (absent columns keep current values) and checks every field the
/// row changes, plus the rules that tie changed fields to others.
/// </summary>
public sealed class RowEvaluator(PlanContext ctx)
{
    public void Evaluate(RowPlan plan, UserValues? existing)
    {
        var input = plan.Input;
        var creating = existing is null;
        var before = existing;
        var v = existing?.Clone() ?? new UserValues { ClientId = ctx.ClientId, CallWaitingOn = true };
        var changed = new ChangedColumns();

        bool generateSecret = false, generatePin = false;

        if (input.ExtraCells > 0)
            plan.Causes.Add(new Cause("", "", $"The row has {input.ExtraCells} more cell(s) than the header. " +
                "A value probably contains the delimiter without quotes: put quotes around it, or delete the extra cells."));

        if (creating)
        {
            foreach (var col in UserColumns.RequiredOnCreate)
            {
                if (!input.Has(col))
                    plan.Causes.Add(Cause.For(col, null, $"The file has no {col.Header()} column, which a new user needs. " +
                        "Add the column, or give the user's ID to update an existing user."));
            }
        }

        foreach (var f in Names)
            if (Text(f.Column, required: f.Rule == UserRule.RequiredName, f.Text!(v), out var name)) f.SetText!(v, name);

        if (input[C.Email] is { } email)
        {
            if (email.Length == 0) plan.Causes.Add(Cause.For(C.Email, email, "Is required: every user needs an email address (their web login)."));
            else if (email != v.Email)
            {
                if (EmailValue.Check(email) is { } p) plan.Causes.Add(Cause.For(C.Email, email, p));
                else { v.Email = email; changed.Add(C.Email); }
            }
        }

        if (input[C.Extension] is { } ext)
        {
            if (ext.Length == 0) plan.Causes.Add(Cause.For(C.Extension, ext, "Is required. Enter 2 to 8 digits, e.g. 201."));
            else if (ext != v.Extension)
            {
                if (ExtensionValue.Check(ext) is { } p) plan.Causes.Add(Cause.For(C.Extension, ext, p));
                else { v.Extension = ext; changed.Add(C.Extension); }
            }
        }

        if (input[C.WebPassword] is { Length: > 0 } pw) plan.NewPassword = pw;

        if (input[C.PhoneSecret] is { } secret)
        {
            if (Generated.IsKeyword(secret)) generateSecret = true;
            else if (secret.Length > 0 && secret != v.PhoneSecret) { v.PhoneSecret = secret; changed.Add(C.PhoneSecret); }
        }
        if (creating && string.IsNullOrEmpty(input[C.PhoneSecret])) generateSecret = true;

        if (input[C.VoicemailPin] is { } pin)
        {
            if (Generated.IsKeyword(pin)) generatePin = true;
            else if (pin.Length > 0 && pin != v.VoicemailPin)
            {
                if (PinValue.LostLeadingZeros(pin, v.VoicemailPin) is { } lost) plan.Causes.Add(Cause.For(C.VoicemailPin, pin, lost));
                else { v.VoicemailPin = pin; changed.Add(C.VoicemailPin); }
            }
        }
        if (creating && string.IsNullOrEmpty(input[C.VoicemailPin])) generatePin = true;

        if (input[C.Language] is { } lang && lang != (v.Language ?? ""))
        {
            string? code = null;
            if (lang.Length > 0 && !LanguageValue.TryNormalize(lang, out code!))
                plan.Causes.Add(Cause.For(C.Language, lang, LanguageValue.Problem(lang)));
            else if (code != v.Language) { v.Language = code; changed.Add(C.Language); }
        }

        foreach (var f in References)
            if (Id(f, f.Number!(v), out var id)) f.SetNumber!(v, id);

        var macInvalid = false;
        if (input[C.MacAddress] is { } mac)
        {
            var canonical = mac.Length == 0 ? null : MacValue.Normalize(mac);
            if (mac.Length > 0 && (canonical is null || MacValue.Check(mac) is not null))
            {
                if (canonical is null || canonical != v.MacAddress)
                {
                    plan.Causes.Add(Cause.For(C.MacAddress, mac, MacValue.Check(mac)!));
                    macInvalid = true;
                }
            }
            else if (canonical != v.MacAddress) { v.MacAddress = canonical; changed.Add(C.MacAddress); }
        }

        foreach (var f in DialStrings)
            if (Dial(f.Column, f.Text!(v), out var number)) f.SetText!(v, number);
        foreach (var f in Switches)
            if (Bool(f.Column, f.Switch!(v), out var on)) f.SetSwitch!(v, on);

        // Rules that tie fields together, checked when the row touches any field they read. A new
        // extension re-checks only the ties to it: a legacy PIN or secret never blocks it otherwise.
        var all = creating;
        if (!generatePin && (all || changed.Contains(C.VoicemailPin)) && PinValue.Check(v.VoicemailPin, v.Extension) is { } pinProblem)
            plan.Causes.Add(Cause.For(C.VoicemailPin, input[C.VoicemailPin] ?? v.VoicemailPin, pinProblem));
        else if (!generatePin && changed.Contains(C.Extension) && PinValue.TiedToExtension(v.VoicemailPin, v.Extension) is { } tie)
            plan.Causes.Add(Cause.For(C.VoicemailPin, input[C.VoicemailPin] ?? v.VoicemailPin, tie));
        if (!generateSecret && (all || changed.Contains(C.PhoneSecret)) && PhoneSecretValue.Check(v.PhoneSecret, v.Extension) is { } secretProblem)
            plan.Causes.Add(Cause.For(C.PhoneSecret, input[C.PhoneSecret] ?? v.PhoneSecret, secretProblem));
        else if (!generateSecret && changed.Contains(C.Extension) && PhoneSecretValue.TiedToExtension(v.PhoneSecret, v.Extension) is { } tie)
            plan.Causes.Add(Cause.For(C.PhoneSecret, input[C.PhoneSecret] ?? v.PhoneSecret, tie));
        if (plan.NewPassword is { } newPw && WebPasswordValue.Check(newPw, v.Email, v.Extension) is { } pwProblem)
            plan.Causes.Add(Cause.For(C.WebPassword, newPw, pwProblem));
        if (all || changed.Contains(C.PhoneModelId) || changed.Contains(C.ProvisioningTemplateId) || changed.Contains(C.MacAddress))
            CheckDevice(v, input, plan.Causes, macInvalid);
        if ((all || changed.Contains(C.UserProfileId)) && v.UserProfileId is { } prof && !ctx.Profiles.Contains(prof))
            plan.Causes.Add(Cause.For(C.UserProfileId, input[C.UserProfileId], $"User Profile ID {prof} was not found. Use an ID from the User Profiles page, or leave it empty."));

        plan.Before = before;
        // A failed row still says what it claims (the values it gave that were valid), so that
        // duplicates and taken values are reported with every other cause; it is never written.
        plan.After = v;
        if (plan.Fails) { plan.Outcome = RowOutcome.Failed; return; }

        if (generateSecret) { v.PhoneSecret = Generated.PhoneSecret(v.Extension); }
        if (generatePin) { v.VoicemailPin = Generated.Pin(v.Extension); }

        if (creating) plan.Outcome = RowOutcome.Created;
        else if (plan.NewPassword is null && v.SameAs(before!))
        {
            plan.Outcome = RowOutcome.Unchanged;
            foreach (var w in StoredValueProblems(v)) plan.Warnings.Add(w);
        }
        else plan.Outcome = RowOutcome.Updated;

        // Each helper below returns true (with the new value) when the row changes that field.
        bool Text(C col, bool required, string? current, out string? value)
        {
            value = input[col] is { Length: > 0 } t ? t : null;
            if (input[col] is not { } text) return false;
            if (value is null && required) { plan.Causes.Add(Cause.For(col, text, $"Is required. Enter the user's {col.Header().ToLowerInvariant()}.")); return false; }
            if (value == current) return false;
            if (value is not null && TextValue.Check(value, TextValue.MaxName) is { } p) { plan.Causes.Add(Cause.For(col, text, p)); return false; }
            changed.Add(col);
            return true;
        }

        bool Id(UserField field, int? current, out int? value)
        {
            var col = field.Column;
            value = null;
            if (input[col] is not { } text) return false;
            if (text.Length > 0)
            {
                if (!IdValue.TryParse(text, out var id))
                {
                    plan.Causes.Add(Cause.For(col, text, $"Must be a whole number (an ID from the {field.Page} page), or empty."));
                    return false;
                }
                value = id;
            }
            if (value == current) return false;
            changed.Add(col);
            return true;
        }

        bool Dial(C col, string? current, out string? value)
        {
            value = null;
            if (input[col] is not { } text) return false;
            value = text.Length == 0 ? null : DialStringValue.Normalize(text);
            if (value == current) return false;
            if (value is not null && (DialStringValue.LostPlus(value, current) ?? DialStringValue.Check(value)) is { } p) { plan.Causes.Add(Cause.For(col, text, p)); return false; }
            changed.Add(col);
            return true;
        }

        bool Bool(C col, bool current, out bool value)
        {
            value = current;
            // Empty: unchanged on update; on create the default already stands.
            if (input[col] is not { Length: > 0 } text) return false;
            if (!BooleanValue.TryParse(text, out value)) { plan.Causes.Add(Cause.For(col, text, BooleanValue.Problem)); return false; }
            if (value == current) return false;
            changed.Add(col);
            return true;
        }
    }

    /// <summary>The columns a row changes, as bits (no allocation per row).</summary>
    private struct ChangedColumns
    {
        private int _bits;
        public void Add(C col) => _bits |= 1 << (int)col;
        public readonly bool Contains(C col) => (_bits & (1 << (int)col)) != 0;
    }

    private static readonly UserField[] Names = Of(UserRule.RequiredName, UserRule.Name);
    private static readonly UserField[] References = Of(UserRule.Reference);
    private static readonly UserField[] DialStrings = Of(UserRule.DialString);
    private static readonly UserField[] Switches = Of(UserRule.Switch);

    private static UserField[] Of(params UserRule[] rules) => [.. UserColumns.Fields.Where(f => rules.Contains(f.Rule))];

    private void CheckDevice(UserValues v, UserInput input, List<Cause> causes, bool macInvalid)
    {
        var pm = v.PhoneModelId;
        var tpl = v.ProvisioningTemplateId;
        if (pm is null && tpl is null)
        {
            if (v.MacAddress is not null)
                causes.Add(Cause.For(C.MacAddress, input[C.MacAddress] ?? v.MacAddress,
                    "A softphone user (no Phone Model ID and Provisioning Template ID) cannot have a MAC address: it would go nowhere. " +
                    "Add the phone model and template, or clear the MAC address."));
            return;
        }
        if (pm is null)
        {
            causes.Add(Cause.For(C.PhoneModelId, input[C.PhoneModelId] ?? "",
                "Is missing: a Provisioning Template ID needs the Phone Model ID too (or clear both for a softphone)."));
        }
        else if (!ctx.PhoneModels.Contains(pm.Value))
        {
            causes.Add(Cause.For(C.PhoneModelId, input[C.PhoneModelId] ?? pm.ToString(),
                $"Phone Model ID {pm} was not found. Use an ID from the Phone Models page."));
        }
        if (tpl is null)
        {
            causes.Add(Cause.For(C.ProvisioningTemplateId, input[C.ProvisioningTemplateId] ?? "",
                "Is missing: a Phone Model ID needs a Provisioning Template ID too (or clear both for a softphone)."));
        }
        else if (!ctx.TemplateModel.TryGetValue(tpl.Value, out var model))
        {
            causes.Add(Cause.For(C.ProvisioningTemplateId, input[C.ProvisioningTemplateId] ?? tpl.ToString(),
                $"Provisioning Template ID {tpl} was not found. Use an ID from the Provisioning Templates page."));
        }
        else if (pm is not null && model != pm)
        {
            causes.Add(Cause.For(C.ProvisioningTemplateId, input[C.ProvisioningTemplateId] ?? tpl.ToString(),
                $"Provisioning Template ID {tpl} is made for another phone model (ID {model}), not Phone Model ID {pm}. " +
                "Pick a template made for this phone model."));
        }
        if (v.MacAddress is null && !macInvalid)
        {
            causes.Add(Cause.For(C.MacAddress, input[C.MacAddress] ?? "",
                "Is required for a desk phone (Phone Model ID and Provisioning Template ID given). Enter the MAC address from the phone's label."));
        }
    }

    private static readonly UserInput NoInput = UserInput.Empty(0);

    /// <summary>Stored values that today's rules would refuse: warnings on unchanged rows, never errors.</summary>
    public IEnumerable<string> StoredValueProblems(UserValues v)
    {
        string Warn(C col, string problem) => $"The stored {col.Header()} does not pass today's rules: {problem}";
        foreach (var f in Names)
            if (f.Text!(v) is { } name && TextValue.Check(name, TextValue.MaxName) is { } n) yield return Warn(f.Column, n);
        if (EmailValue.Check(v.Email) is { } m) yield return Warn(C.Email, m);
        if (v.Language is not null && !LanguageValue.TryNormalize(v.Language, out _)) yield return Warn(C.Language, LanguageValue.Problem(v.Language));
        if (ExtensionValue.Check(v.Extension) is { } e) yield return Warn(C.Extension, e);
        if (PinValue.Check(v.VoicemailPin, v.Extension) is { } p) yield return Warn(C.VoicemailPin, p);
        if (PhoneSecretValue.Check(v.PhoneSecret, v.Extension) is { } s) yield return Warn(C.PhoneSecret, s);
        foreach (var f in DialStrings)
            if (f.Text!(v) is { } number && DialStringValue.Check(number) is { } d) yield return Warn(f.Column, d);
        if (v.MacAddress is not null && MacValue.Check(v.MacAddress) is { } mac) yield return Warn(C.MacAddress, mac);
        if (v.PhoneModelId is null && v.ProvisioningTemplateId is null && v.MacAddress is null) yield break; // a softphone: nothing to check
        var device = new List<Cause>();
        CheckDevice(v, NoInput, device, macInvalid: false);
        foreach (var c in device) yield return $"The stored device does not pass today's rules ({c.Column}): {c.Message}";
    }
}
