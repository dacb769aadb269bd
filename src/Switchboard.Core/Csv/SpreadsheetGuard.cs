using System.Text.RegularExpressions;

namespace Switchboard.Core.Csv;

/// <summary>
/// The one rule that decides which values a spreadsheet would run or alter. Export writes a
/// leading apostrophe before such a value; import removes exactly that apostrophe again, and
/// only where what follows is such a value or another apostrophe (so "'t Hooft" survives).
/// Spreadsheets read that apostrophe in one of two ways: LibreOffice and Excel keep it as text and
/// save it back (import removes it); Gnumeric and Google Sheets take it as a "this is text" marker
/// and save the bare value (import takes it as it is). A value starting with an apostrophe is
/// therefore always guarded (doubled), so the marker a spreadsheet drops is never the value's own.
/// </summary>
public static partial class SpreadsheetGuard
{
    public enum Kind
    {
        /// <summary>Free text: guarded when a spreadsheet would run or alter it.</summary>
        Text,
        /// <summary>Dial strings and PINs: always guarded, so digits never become numbers.</summary>
        Always,
        /// <summary>MAC addresses and plain integers: never guarded.</summary>
        Never,
    }

    public static string Protect(string value, Kind kind) =>
        value.Length > 0 && NeedsGuard(value, kind) ? "'" + value : value;

    public static string Unprotect(string value, Kind kind) =>
        value.Length > 1 && value[0] == '\'' && NeedsGuard(value[1..], kind) ? value[1..] : value;

    /// <summary>
    /// True for the one kind of value no CSV can carry through both kinds of spreadsheet: an
    /// apostrophe followed by a guarded value (<c>'+4420…</c>, <c>'0123</c>, <c>''x</c>). Export writes
    /// <c>''+4420…</c>: LibreOffice keeps that and import gives back <c>'+4420…</c>, but Gnumeric drops one
    /// apostrophe and import then strips the other. Such values are refused where values are set.
    /// </summary>
    public static bool IsAmbiguous(string value, Kind kind) =>
        value.Length > 1 && value[0] == '\'' && NeedsGuard(value[1..], kind);

    /// <summary>The message for an <see cref="IsAmbiguous"/> value, shared by import, form and API.</summary>
    public const string AmbiguousProblem =
        "Starts with an apostrophe followed by a value a spreadsheet would change (a formula sign, a leading zero, " +
        "a number, date or time, or another apostrophe). Spreadsheets treat a leading apostrophe differently " +
        "(LibreOffice and Excel keep it, Gnumeric and Google Sheets drop it), so the value could not survive users.csv. " +
        "Remove the leading apostrophe.";

    public static bool NeedsGuard(string value, Kind kind) => kind switch
    {
        Kind.Always => value.Length > 0,
        Kind.Never => false,
        _ => IsAltered(value),
    };

    /// <summary>True when a spreadsheet opening the text would evaluate it or change it.</summary>
    public static bool IsAltered(string v)
    {
        if (v.Length == 0) return false;
        var c = v[0];
        if (c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n') return true;
        // The value's own apostrophe would be taken for the guard (LibreOffice keeps it, import would
        // strip it) or dropped as a text marker (Gnumeric, Google Sheets): double it.
        if (c == '\'') return true;
        // Numbers, dates and times all hold a digit; without one only a logical word can be altered.
        if (!v.AsSpan().ContainsAnyInRange('0', '9')) return Logical().IsMatch(v);
        // ...and are made only of digits, letters, spaces and a few marks: an '@', '_' or the like rules them out cheaply.
        if (v.AsSpan().ContainsAnyExcept(NumberDateTimeChars)) return false;
        if (char.IsWhiteSpace(c) || char.IsWhiteSpace(v[^1])) return Number().IsMatch(v) || DateLike(v.Trim());
        if (v.All(char.IsAsciiDigit)) return (v.Length > 1 && v[0] == '0') || v.Length > 11;
        return Number().IsMatch(v) || DateLike(v) || Logical().IsMatch(v);
    }

    private static readonly System.Buffers.SearchValues<char> NumberDateTimeChars = System.Buffers.SearchValues.Create(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,:/-+%$€£¥()\t");

    private static bool DateLike(string v) => NumericDate().IsMatch(v) || Time().IsMatch(v) || MonthDate().IsMatch(v);

    // Decimals (also ".5" and "5."), thousands separators, exponents, percentages, currency, and
    // fractions such as "1 1/2": anything made of digits, separators and such marks reads as a number.
    [GeneratedRegex(@"^\s*[-+]?[$€£¥]?\s*(?=[\d.,]*\d)[\d,.\s]*([eE][-+]?\d+)?\s*%?\s*$|^\s*\(\d[\d,.]*\)\s*$|^\s*\d+\s+\d+/\d+\s*$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\d{1,4}\s*[-/.]\s*\d{1,4}(\s*[-/.]\s*\d{1,4})?([\sT]+\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?(\s*[aApP]\.?[mM]\.?)?)?$")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\d{1,4}:\d{1,2}(:\d{1,2}([.,]\d+)?)?(\s*[aApP]\.?[mM]\.?)?$|^\d{1,2}\s*[aApP]\.?[mM]\.?$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{1,2}(st|nd|rd|th)?[\s\-./,]*" + Months + @"\.?([\s\-./,]+\d{2,4})?$|^" + Months + @"\.?[\s\-./,]*\d{1,4}(st|nd|rd|th)?([\s\-./,]+\d{2,4})?$", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDate();

    private const string Months = "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)";

    [GeneratedRegex(@"^(true|false|vrai|faux|wahr|falsch|verdadero|falso)$", RegexOptions.IgnoreCase)]
    private static partial Regex Logical();
}
