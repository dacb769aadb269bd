using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Kind = Switchboard.Core.Csv.SpreadsheetGuard.Kind;

namespace Switchboard.Tests.Rules;

/// <summary>Writing the file: the apostrophe guard export writes and import removes, one shared rule.</summary>
public sealed class SpreadsheetGuardTests
{
    private static readonly string[] Altered =
    [
        "=1+1", "=HYPERLINK(\"http://x\")", "+442079460000", "+", "-5", "-", "@x", "@SUM(A1)", "\tx", "\rx",
        "058213", "00", "0201", "442079460000", "1234567890123456",
        "1.5", "1,000", "1e5", "50%", "$5", "(5)", "1 1/2",
        "3/4", "3-4", "2024-03-03", "03.03.2024", "12/31/2024",
        "12:30", "12:30:15", "9:05 PM", "10am",
        "March 3", "3 March", "Mar 3", "Jan 2024", "3-Mar", "march 3rd",
        "TRUE", "false", "VRAI", "faux", "Wahr", "FALSCH",
    ];

    private static readonly string[] Kept =
    [
        "Ann", "O'Neil", "Sales", "Bridge, Deck 1", "ann.lee@example.com", "201", "42",
        "June", "Support 2", "1-800-FLOWERS", "yes", "No", "fr-CA", "R&D", "Kx7mPq2wZr9tYb4n",
    ];

    public static TheoryData<string> ValuesASpreadsheetWouldRunOrAlter() => new(Altered);

    public static TheoryData<string> ValuesASpreadsheetKeeps() => new(Kept);

    [Theory]
    [MemberData(nameof(ValuesASpreadsheetWouldRunOrAlter))]
    public void Export_writes_one_apostrophe_before_a_value_a_spreadsheet_would_run_or_alter(string value)
    {
        Assert.True(SpreadsheetGuard.IsAltered(value));
        Assert.Equal("'" + value, SpreadsheetGuard.Protect(value, Kind.Text));
    }

    /// <summary>Excel and LibreOffice read ".5" as 0.5 and "5." as 5, and save them back that way.</summary>
    [Theory]
    [InlineData(".5")]
    [InlineData("5.")]
    public void Decimals_written_without_a_leading_or_trailing_digit_are_guarded(string value) =>
        Assert.True(SpreadsheetGuard.IsAltered(value), $"'{value}' is read as a number by a spreadsheet but is not guarded");

    /// <summary>A date with a 12-hour time is read as a date-time (and saved back reformatted).</summary>
    [Theory]
    [InlineData("3/4/2024 10:00 AM")]
    [InlineData("12/31/2024 9:30 PM")]
    public void Dates_with_an_am_pm_time_are_guarded(string value) =>
        Assert.True(SpreadsheetGuard.IsAltered(value), $"'{value}' is read as a date-time by a spreadsheet but is not guarded");

    [Theory]
    [MemberData(nameof(ValuesASpreadsheetKeeps))]
    public void Export_writes_a_value_a_spreadsheet_keeps_as_it_is(string value) =>
        Assert.Equal(value, SpreadsheetGuard.Protect(value, Kind.Text));

    [Theory]
    [MemberData(nameof(ValuesASpreadsheetWouldRunOrAlter))]
    public void Import_removes_exactly_the_one_apostrophe_export_wrote(string value)
    {
        Assert.Equal(value, SpreadsheetGuard.Unprotect("'" + value, Kind.Text));
        Assert.Equal("'" + value, SpreadsheetGuard.Unprotect("''" + value, Kind.Text));
    }

    [Theory]
    [InlineData("'t Hooft")]
    [InlineData("'Ann")]
    [InlineData("'s-Hertogenbosch")]
    [InlineData("'")]
    [InlineData("'Sales team'")]
    public void Import_keeps_an_apostrophe_that_is_not_followed_by_a_guarded_value(string value) =>
        Assert.Equal(value, SpreadsheetGuard.Unprotect(value, Kind.Text));

    [Theory]
    [InlineData("'=1+1")]
    [InlineData("'+442079460000")]
    [InlineData("'058213")]
    [InlineData("'3/4")]
    [InlineData("''=1+1")]
    public void A_stored_value_starting_with_an_apostrophe_before_a_guarded_value_gets_a_second_apostrophe(string stored) =>
        Assert.Equal("'" + stored, SpreadsheetGuard.Protect(stored, Kind.Text));

    /// <summary>
    /// A value's own leading apostrophe is doubled, whatever follows: Gnumeric and Google Sheets drop
    /// the first as a text marker, LibreOffice and Excel keep it and import removes it.
    /// </summary>
    [Theory]
    [InlineData("'t Hooft")]
    [InlineData("'")]
    [InlineData("'Ann")]
    public void A_stored_value_starting_with_an_apostrophe_always_gets_a_second_one(string stored)
    {
        Assert.Equal("'" + stored, SpreadsheetGuard.Protect(stored, Kind.Text));
        Assert.Equal(stored, SpreadsheetGuard.Unprotect("'" + stored, Kind.Text));
        Assert.False(SpreadsheetGuard.IsAmbiguous(stored, Kind.Text));
    }

    [Theory]
    [InlineData("'=1+1")]
    [InlineData("'+442079460000")]
    [InlineData("'058213")]
    [InlineData("''t Hooft")]
    [InlineData("''")]
    public void An_apostrophe_before_a_guarded_value_is_the_one_value_no_csv_carries_both_ways(string stored) =>
        Assert.True(SpreadsheetGuard.IsAmbiguous(stored, Kind.Text));

    /// <summary>
    /// Both kinds of spreadsheet, for every value that may be stored: LibreOffice and Excel keep the
    /// apostrophe (import removes it); Gnumeric and Google Sheets drop one leading apostrophe and keep
    /// the rest of the cell as text.
    /// </summary>
    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void Every_value_that_may_be_stored_survives_both_kinds_of_spreadsheet(string value)
    {
        foreach (var kind in new[] { Kind.Text, Kind.Always, Kind.Never })
        {
            if (SpreadsheetGuard.IsAmbiguous(value, kind)) continue;
            var exported = SpreadsheetGuard.Protect(value, kind);
            Assert.Equal(value, SpreadsheetGuard.Unprotect(exported, kind));
            var marker = kind == Kind.Never || !exported.StartsWith('\'') ? exported : exported[1..];
            Assert.Equal(value, SpreadsheetGuard.Unprotect(marker, kind));
        }
    }

    public static TheoryData<string> RoundTripValues()
    {
        var data = new TheoryData<string>();
        foreach (var v in Altered.Concat(Kept)) data.Add(v);
        foreach (var v in new[] { "", "'=1+1", "''=1+1", "'''058213", "'058213", "'+442079460000", "'TRUE", "' 1.5", "'Ann", "''", "'t Hooft", "'" })
            data.Add(v);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void Protect_then_Unprotect_gives_back_every_value_of_every_kind(string value)
    {
        foreach (var kind in new[] { Kind.Text, Kind.Always, Kind.Never })
            Assert.Equal(value, SpreadsheetGuard.Unprotect(SpreadsheetGuard.Protect(value, kind), kind));
    }

    [Theory]
    [InlineData("4829")]
    [InlineData("0482")]
    [InlineData("+33123456789")]
    [InlineData("12")]
    [InlineData("'5")]
    public void Dial_strings_and_pins_are_always_guarded(string value)
    {
        Assert.Equal("'" + value, SpreadsheetGuard.Protect(value, Kind.Always));
        Assert.Equal(value, SpreadsheetGuard.Unprotect("'" + value, Kind.Always));
    }

    [Fact]
    public void An_empty_cell_is_never_guarded()
    {
        Assert.Equal("", SpreadsheetGuard.Protect("", Kind.Always));
        Assert.Equal("", SpreadsheetGuard.Protect("", Kind.Text));
    }

    [Theory]
    [InlineData("00:15:65:12:34:AB")]
    [InlineData("=1+1")]
    [InlineData("'00:15:65:12:34:AB")]
    public void Macs_are_never_guarded_or_unguarded(string value)
    {
        Assert.Equal(value, SpreadsheetGuard.Protect(value, Kind.Never));
        Assert.Equal(value, SpreadsheetGuard.Unprotect(value, Kind.Never));
    }

    [Theory]
    [InlineData(UserColumn.VoicemailPin, Kind.Always)]
    [InlineData(UserColumn.ForwardNumber, Kind.Always)]
    [InlineData(UserColumn.FollowmeNumber, Kind.Always)]
    [InlineData(UserColumn.MacAddress, Kind.Never)]
    [InlineData(UserColumn.FirstName, Kind.Text)]
    [InlineData(UserColumn.LastName, Kind.Text)]
    [InlineData(UserColumn.Email, Kind.Text)]
    [InlineData(UserColumn.Department, Kind.Text)]
    [InlineData(UserColumn.Extension, Kind.Text)]
    [InlineData(UserColumn.PhoneSecret, Kind.Text)]
    [InlineData(UserColumn.WebPassword, Kind.Text)]
    public void Each_column_is_guarded_by_its_kind(UserColumn column, Kind kind) =>
        Assert.Equal(kind, column.GuardKind());
}
