using System.Text;
using nietras.SeparatedValues;

namespace Switchboard.Core.Csv;

/// <summary>How Switchboard writes CSV: UTF-8 with BOM, CRLF, comma, quoting only where needed.</summary>
public static class CsvText
{
    public static StreamWriter Writer(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };

    public static SepWriter Sep(TextWriter writer) =>
        nietras.SeparatedValues.Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false, DisableColCountCheck = true }).To(writer, leaveOpen: true);
}
