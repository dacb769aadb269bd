using static Switchboard.Tests.Hostile.HostileBytes;

namespace Switchboard.Tests.Hostile;

/// <summary>
/// The hostile files and what each must do, in one table. Refused: the whole file, with one message
/// that mentions the words given. Applied: these rows created, these rows failed with causes naming
/// these columns ("-": the row as a whole). See docs/hostile-files.md.
/// </summary>
public static class HostileCorpus
{
    private static HostileCase File(string name, Outcome expected) => new(name, () => Committed(name), expected);

    private static HostileCase Made(string name, Func<byte[]> bytes, Outcome expected) => new(name, bytes, expected);

    /// <summary>No exported cell starts with something a spreadsheet would run.</summary>
    private static string? NothingRunsInASpreadsheet(List<Dictionary<string, string>> rows) =>
        rows.SelectMany(r => r.Values).FirstOrDefault(v => v.Length > 0 && "=+-@\t\r".Contains(v[0])) is { } bad ? $"exported unguarded: {bad}" : null;

    public static readonly HostileCase[] All =
    [
        // Not text at all.
        Made("random-bytes.bin", () => RandomBytes(64 * 1024, seed: 5), new Refused("binary")),
        Made("nul-in-a-row.csv", NulInARow, new Refused("binary")),
        Made("nul-past-the-first-64-kb.csv", NulPastTheFirst64Kb, new Refused("NUL")),
        Made("zip-renamed.csv", () => Zip(("users.csv", Header + "\r\n" + Row("zip", 1))), new Refused("zip")),
        Made("xlsx-renamed.csv", Xlsx, new Refused("Excel workbook (.xlsx)")),
        Made("xls-renamed.csv", Xls, new Refused("old Excel workbook")),
        Made("gzip-renamed.csv", () => Gzip(Header + "\r\n" + Row("gz", 1)), new Refused("binary")),
        Made("png-renamed.csv", Png, new Refused("binary")),
        Made("utf16-without-bom.csv", Utf16WithoutBom, new Refused("binary")),
        Made("utf32-with-bom.csv", Utf32WithBom, new Refused("binary")),
        File("pdf-renamed.csv", new Refused("not a users.csv header")),
        File("html-page-renamed.csv", new Refused("not a users.csv header")),
        File("json-renamed.csv", new Refused("not a users.csv header")),

        // Nothing, or no header.
        File("empty.csv", new Refused("empty")),
        File("bom-alone.csv", new Refused("empty")),
        File("utf16-bom-alone.csv", new Refused("empty")),
        File("only-line-ends.csv", new Refused("first row is empty")),
        File("only-delimiters-header.csv", new Refused("first row is empty")),
        File("no-known-header.csv", new Refused("not a users.csv header")),
        File("duplicate-columns.csv", new Refused("Email appears twice")),

        // Quotes and lengths the parser cannot end.
        File("unterminated-quote-at-end.csv", new Refused("Row 4 opens a quote")),
        File("unterminated-quote-early.csv", new Refused("Row 2 opens a quote")),
        File("stray-quote-in-value.csv", new Refused("Row 4 opens a quote")),
        Made("single-line-20-mb.csv", () => SingleLine(20), new Refused("Row 2 is longer than 4 million characters")),
        Made("row-just-over-the-length-limit.csv", () => RowAtTheLengthLimit(+100), new Refused("Row 2 is longer than 4 million characters")),

        // Sizes: long cells, wide headers, many rows.
        Made("row-just-under-the-length-limit.csv", () => RowAtTheLengthLimit(-100), new Applied(1, 1, "2:Department")),
        Made("cells-of-1-mb.csv", MegabyteCells, new Applied(1, 4, "2:First Name; 3:Email; 4:Department; 5:Phone Secret", Warns: "Notes")),
        Made("header-cell-of-1-mb.csv", MegabyteHeaderCell, new Applied(1, Warns: "hhhhhhhhhh…")),
        Made("header-100000-named-columns.csv", () => HeaderColumns(100_000, named: true), new Refused("Row 1 has more than 16,384 cells")),
        Made("header-100000-empty-columns.csv", () => HeaderColumns(100_000, named: false), new Refused("Row 1 has more than 16,384 cells")),
        Made("header-2000-named-columns.csv", () => HeaderColumns(2_000, named: true), new Refused("2,006 columns")),
        Made("header-10000-empty-columns.csv", () => HeaderColumns(10_000, named: false), new Applied(2)),
        Made("row-with-100000-extra-cells.csv", () => RowWithExtraCells(100_000), new Refused("Row 2 has more than 16,384 cells")),
        Made("row-with-10000-extra-cells.csv", () => RowWithExtraCells(10_000), new Applied(1, 1, "2:-")),
        Made("header-1000-columns-over-2000-short-rows.csv", WideHeaderShortRows,
            new Applied(0, 2000, "2:Email,Extension,First Name,Last Name; 2001:Email,Extension,First Name,Last Name", Warns: "carries only the first 32")),
        Made("a-million-empty-rows.csv", MillionEmptyRows, new Applied(2, 1, "1000004:Extension")),
        Made("a-million-delimiter-rows.csv", MillionDelimiterRows, new Applied(1)),
        Made("a-million-and-one-rows.csv", OverTheRowLimit, new RefusedAtUpload("more than 1,000,000 data rows")),
        Made("one-email-claimed-by-1000-rows.csv", () => OneEmailClaimedByManyRows(1000), new Applied(0, 1000, "2:Email; 1001:Email")),

        // Encodings.
        File("invalid-utf8.csv", new Applied(2, 1, "3:First Name", Warns: "Windows-1252")),
        File("utf8-encoded-surrogates.csv", new Applied(1, Warns: "Windows-1252")),
        File("utf16-lone-surrogates.csv", new Applied(3, Warns: "not valid UTF-16: 2 character")),
        File("utf16-be-odd-length.csv", new Applied(2, 1, "4:ID", Warns: "not valid UTF-16: 1 character")),
        File("double-bom.csv", new Applied(2)),

        // Delimiters and line ends.
        File("mixed-delimiters.csv", new Applied(2, 2, "3:ID; 4:ID")),
        File("semicolon-header-comma-rows.csv", new Applied(0, 3, "2:ID; 3:ID; 4:ID")),
        File("cr-only-line-ends.csv", new Applied(3)),
        File("mixed-line-ends.csv", new Applied(4)),
        File("sep-hint-line.csv", new Applied(2)),
        File("header-repeated-mid-file.csv", new Applied(4, 1, "4:ID")),
        File("header-repeated-without-id.csv", new Applied(3, 1, "4:Email,Extension")),

        // Payloads in values.
        File("rtl-and-zero-width.csv", new Applied(2, 7, "4:First Name; 5:Last Name; 6:Department; 7:Email; 8:Extension; 9:First Name; 10:First Name")),
        File("control-characters.csv", new Applied(1, 4, "2:First Name; 3:First Name; 4:Last Name; 5:Department")),
        File("log-injection.csv", new Applied(1, 2, "2:First Name; 3:First Name")),
        File("formula-payloads.csv", new Applied(8)) with { Export = NothingRunsInASpreadsheet },
        File("html-payloads.csv", new Applied(2, 1, "3:Email", Warns: "onmouseover")) with { FileName = "<img src=x onerror=alert('file')>.csv" },
        File("secrets-in-failing-rows.csv", new Applied(1, 5, "2:Extension; 3:Email; 4:Web Passwords; 5:Voicemail Pin; 6:Phone Secret")),
        File("spreadsheet-number-mangling.csv", new Applied(0, 3, "2:Forward Number; 3:ID; 4:Extension")),
    ];
}
