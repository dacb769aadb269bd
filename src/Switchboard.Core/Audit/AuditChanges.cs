using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Core.Audit;

/// <summary>One changed field of an audit entry. A secret is only named: <see cref="From"/> and <see cref="To"/> stay null.</summary>
public sealed record AuditChange(string Field, string? From, string? To, bool Secret = false);

/// <summary>
/// The changed fields of an audit entry, stored as a compact JSON array
/// (<c>[{"field":"Extension","from":"201","to":"202"},{"field":"Phone Secret","secret":true}]</c>).
/// Built with one reusable buffer per thread: an import writes one per changed row.
/// </summary>
public sealed class AuditChanges
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    private readonly Utf8JsonWriter _json;
    private readonly ArrayBufferWriter<byte> _bytes;
    private int _count;

    public AuditChanges()
    {
        _bytes = _buffer ??= new ArrayBufferWriter<byte>(1024);
        _bytes.ResetWrittenCount();
        _json = _writer ??= new Utf8JsonWriter(_bytes, Options);
        _json.Reset(_bytes);
        _json.WriteStartArray();
    }

    public AuditChanges Value(string field, string? from, string? to)
    {
        if (from == to) return this;
        _json.WriteStartObject();
        _json.WriteString("field", field);
        if (from is not null) _json.WriteString("from", from);
        if (to is not null) _json.WriteString("to", to);
        _json.WriteEndObject();
        _count++;
        return this;
    }

    public AuditChanges Secret(string field)
    {
        _json.WriteStartObject();
        _json.WriteString("field", field);
        _json.WriteBoolean("secret", true);
        _json.WriteEndObject();
        _count++;
        return this;
    }

    /// <summary>The JSON, or null when nothing changed.</summary>
    public string? ToJson()
    {
        _json.WriteEndArray();
        _json.Flush();
        return _count == 0 ? null : Encoding.UTF8.GetString(_bytes.WrittenSpan);
    }

    public static IReadOnlyList<AuditChange> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AuditChange>>(json, ReadOptions) ?? [];
}
