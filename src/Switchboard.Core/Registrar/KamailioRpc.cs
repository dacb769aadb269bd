using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Core.Registrar;

/// <summary>
/// Kamailio's JSON-RPC over HTTP (jsonrpcs + xhttp): reading the location table in bulk, sending a
/// phone a request through the registrar, and removing an address of record's contacts. Every call
/// is bounded by the registrar timeout, so a registrar that does not answer costs at most that.
/// </summary>
public sealed class KamailioRpc(HttpClient http)
{
    /// <summary>The usrloc table the shipped configuration saves registrations in.</summary>
    public const string LocationTable = "location";

    /// <summary>Every contact the registrar at <paramref name="url"/> holds (ul.dump).</summary>
    public async Task<List<Registration>> DumpAsync(string url, DateTime now, CancellationToken ct)
    {
        var result = await CallAsync(url, "ul.dump", [], ct);
        var list = new List<Registration>();
        foreach (var d in result?["Domains"]?.AsArray() ?? [])
        foreach (var a in d?["Domain"]?["AoRs"]?.AsArray() ?? [])
        {
            var info = a?["Info"];
            if (info?["AoR"]?.GetValue<string>() is not { } aor) continue;
            var at = aor.IndexOf('@');
            if (at <= 0) continue; // the shipped configuration keeps domains (use_domain); an AoR without one is no user's
            var (extension, domain) = (aor[..at], aor[(at + 1)..].ToLowerInvariant());
            foreach (var c in info["Contacts"]?.AsArray() ?? [])
            {
                var contact = c?["Contact"];
                if (contact?["Address"]?.GetValue<string>() is not { } address) continue;
                var received = Set(contact["Received"]);
                list.Add(new Registration(extension, domain, address, SourceOf(received ?? address),
                    Set(contact["User-Agent"]), ExpiresAt(contact["Expires"], now), url, Set(contact["Socket"]), received));
            }
        }
        return list;
    }

    /// <summary>
    /// Asks the registrar to send the contact of <paramref name="r"/> a NOTIFY check-sync (tm.t_uac_start),
    /// to the address it registered from when the registrar recorded one (behind NAT).
    /// </summary>
    public Task NotifyCheckSyncAsync(Registration r, CancellationToken ct)
    {
        var headers = $"From: <sip:{r.Domain}>\r\nTo: <sip:{r.Extension}@{r.Domain}>\r\n" +
                      "Event: check-sync\r\nSubscription-State: terminated\r\n";
        return CallAsync(r.Registrar, "tm.t_uac_start", ["NOTIFY", r.Contact, r.Received ?? ".", r.Socket ?? ".", headers], ct);
    }

    /// <summary>Removes every contact of <paramref name="aor"/> (ul.rm; nothing happens when it has none).</summary>
    public Task RemoveAsync(string url, AddressOfRecord aor, CancellationToken ct) =>
        CallAsync(url, "ul.rm", [LocationTable, aor.ToString()], ct);

    private async Task<JsonNode?> CallAsync(string url, string method, string[] args, CancellationToken ct)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["id"] = 1 };
        if (args.Length > 0) body["params"] = new JsonArray([.. args.Select(a => (JsonNode)a)]);
        // Sent with a Content-Length: Kamailio's HTTP server does not read chunked bodies.
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await Metrics.SwitchboardMetrics.RegistrarCall(url, http.PostAsync(url, content, ct));
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (answer?["error"] is { } error) throw new RegistrarException($"{method} at {url}: {error["message"]?.ToString() ?? error.ToJsonString()}");
        return answer?["result"];
    }

    /// <summary>Kamailio writes "[not set]" for an absent field.</summary>
    private static string? Set(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 && s != "[not set]" ? s : null;

    /// <summary>Seconds left (a number), or "permanent", "expired", "deleted".</summary>
    private static DateTime? ExpiresAt(JsonNode? n, DateTime now) =>
        n is JsonValue v && v.TryGetValue<long>(out var seconds) ? now.AddSeconds(seconds) : null;

    /// <summary>"sip:203.0.113.5:5060;transport=udp" becomes "203.0.113.5:5060" (the user part dropped).</summary>
    internal static string SourceOf(string uri)
    {
        var s = uri;
        var colon = s.IndexOf(':');
        if (s.StartsWith("sip", StringComparison.OrdinalIgnoreCase) && colon > 0) s = s[(colon + 1)..];
        if (s.IndexOf('@') is var at and >= 0) s = s[(at + 1)..];
        var end = s.IndexOfAny([';', '>', '?']);
        return end >= 0 ? s[..end] : s;
    }
}

public sealed class RegistrarException(string message) : Exception(message);
