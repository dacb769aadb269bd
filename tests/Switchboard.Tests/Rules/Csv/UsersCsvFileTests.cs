using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users;
using Switchboard.Core.Users.Import;

namespace Switchboard.Tests.Rules;

/// <summary>Columns (header mapping, unknown/duplicate/blank columns) and import's removal of the guard apostrophe.</summary>
public sealed class UsersCsvFileTests
{
    private static UsersCsvFile Parse(string text) => UsersCsvFile.Parse(Encoding.UTF8.GetBytes(text), new CsvLimits());

    [Fact]
    public void Columns_may_come_in_any_order_with_forgiving_headers()
    {
        var file = Parse("extensions,EMAIL,last_name,First Names,id\r\n201,ann@example.com,Lee,Ann,7\r\n");
        var input = Assert.Single(file.Inputs);
        Assert.Equal("201", input[UserColumn.Extension]);
        Assert.Equal("ann@example.com", input[UserColumn.Email]);
        Assert.Equal("Lee", input[UserColumn.LastName]);
        Assert.Equal("Ann", input[UserColumn.FirstName]);
        Assert.Equal("7", input[UserColumn.Id]);
        Assert.Equal(2, input.Line);
    }

    [Fact]
    public void Absent_columns_are_null_and_empty_cells_are_empty()
    {
        var input = Assert.Single(Parse("ID,Department\r\n7,\r\n").Inputs);
        Assert.Equal("", input[UserColumn.Department]);
        Assert.False(input.Has(UserColumn.Extension));
        Assert.Null(input[UserColumn.Email]);
    }

    [Theory]
    [InlineData("Client")]
    [InlineData("Notes")]
    public void An_unknown_column_is_a_warning_naming_it_and_its_values_are_ignored(string header)
    {
        var file = Parse($"ID,{header},Department\r\n7,whatever,Sales\r\n");
        var warning = Assert.Single(file.Warnings);
        Assert.Contains(header, warning);
        var input = Assert.Single(file.Inputs);
        Assert.DoesNotContain("whatever", input.Cells);
        Assert.Equal("Sales", input[UserColumn.Department]);
    }

    [Theory]
    [InlineData("ID,Mac Address,mac_addresses")]
    [InlineData("ID,Email,EMAIL")]
    [InlineData("ID,Web Passwords,web password")]
    [InlineData("ID,Callwaiting on,Callwaiting On")]
    public void The_same_column_twice_is_a_file_error(string header) =>
        Assert.Throws<CsvFileException>(() => Parse(header + "\r\n7,,\r\n"));

    [Fact]
    public void A_blank_header_cell_whose_column_holds_data_is_ignored_with_a_warning()
    {
        var file = Parse("ID,,Department,\r\n7,stray,Sales,\r\n8,,Support,\r\n");
        var warning = Assert.Single(file.Warnings);
        Assert.Contains("B", warning);
        Assert.Equal(["Sales", "Support"], file.Inputs.Select(i => i[UserColumn.Department]));
    }

    [Fact]
    public void Blank_header_cells_over_empty_columns_are_ignored_silently()
    {
        var file = Parse("ID,Department,,\r\n7,Sales,,\r\n");
        Assert.Empty(file.Warnings);
        Assert.Equal("Sales", Assert.Single(file.Inputs)[UserColumn.Department]);
    }

    [Fact]
    public void A_header_with_no_known_column_is_a_file_error() =>
        Assert.Throws<CsvFileException>(() => Parse("Name,Phone\r\nAnn,201\r\n"));

    [Fact]
    public void Every_text_value_is_trimmed()
    {
        var input = Assert.Single(Parse("ID,First Name,Email,Department\r\n7,  Ann ,\t ann@example.com  ,\" Sales \"\r\n").Inputs);
        Assert.Equal("Ann", input[UserColumn.FirstName]);
        Assert.Equal("ann@example.com", input[UserColumn.Email]);
        Assert.Equal("Sales", input[UserColumn.Department]);
    }

    [Theory]
    [InlineData("Forward Number", "'+442079460000", "+442079460000")]
    [InlineData("Followme Number", "'0044 20 7946 0018", "0044 20 7946 0018")]
    [InlineData("Voicemail Pin", "'0482", "0482")]
    [InlineData("Department", "'058213", "058213")]
    [InlineData("Department", "'=1+1", "=1+1")]
    [InlineData("Department", "''=1+1", "'=1+1")]
    [InlineData("Department", "'3/4", "3/4")]
    [InlineData("Department", "'March 3", "March 3")]
    [InlineData("Department", "'TRUE", "TRUE")]
    [InlineData("Last Name", "'t Hooft", "'t Hooft")]
    [InlineData("Last Name", "'Neill", "'Neill")]
    [InlineData("Department", "Sales", "Sales")]
    [InlineData("Mac Address", "00:15:65:12:34:AB", "00:15:65:12:34:AB")]
    [InlineData("Extension", "'0201", "0201")]
    public void Import_removes_exactly_the_guard_apostrophe(string header, string cell, string value)
    {
        var input = Assert.Single(Parse($"ID,{header}\r\n7,\"{cell.Replace("\"", "\"\"")}\"\r\n").Inputs);
        Assert.Equal(value, input[UserColumns.Match(header)!.Value]);
    }

    [Fact]
    public void A_header_only_file_has_no_rows_and_is_not_an_error() =>
        Assert.Empty(Parse("ID,First Name,Last Name\r\n").Inputs);
}
