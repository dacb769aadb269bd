using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Switchboard.Load;

/// <summary>Every request's latency and answer, by kind of request.</summary>
public sealed class Recorder
{
    public sealed class Kind(string name)
    {
        public string Name { get; } = name;
        public List<double> Milliseconds { get; } = [];
        public SortedDictionary<int, int> Statuses { get; } = [];
        public int NoAnswer { get; set; }
    }

    private readonly ConcurrentDictionary<string, Kind> _kinds = new();
    private long _total;
    public long Total => Interlocked.Read(ref _total);
    /// <summary>Every 5xx and every request without an answer, described for the report.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();
    /// <summary>Answers that were not what the workload expected (wrong data, unexpected 4xx...).</summary>
    public ConcurrentQueue<string> Anomalies { get; } = new();
    public int FiveXx;

    public IEnumerable<Kind> Kinds => _kinds.Values;

    public void Record(string kind, double ms, int status)
    {
        Interlocked.Increment(ref _total);
        var k = _kinds.GetOrAdd(kind, n => new Kind(n));
        lock (k)
        {
            k.Milliseconds.Add(ms);
            k.Statuses[status] = k.Statuses.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>A derived figure (e.g. an import from upload to report) that is not one request.</summary>
    public void RecordSpan(string kind, double ms, int status)
    {
        var k = _kinds.GetOrAdd(kind, n => new Kind(n));
        lock (k)
        {
            k.Milliseconds.Add(ms);
            k.Statuses[status] = k.Statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void RecordNoAnswer(string kind, double ms, string what)
    {
        Interlocked.Increment(ref _total);
        var k = _kinds.GetOrAdd(kind, n => new Kind(n));
        lock (k)
        {
            k.Milliseconds.Add(ms);
            k.NoAnswer++;
        }
        Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} no answer after {ms:F0} ms: {what}");
    }

    public void Anomaly(string what) => Anomalies.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>An answer: status 0 when none came (timeout, connection error) — the outcome is then unknown.</summary>
public sealed record Reply(int Status, string Body, Uri? Location)
{
    public bool Answered => Status != 0;
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>Sends one request, times it to the last byte of the answer, and records it.</summary>
public sealed class Api(HttpClient http, Recorder recorder, TimeSpan timeout)
{
    public async Task<Reply> SendAsync(string kind, HttpMethod method, string path, HttpContent? content = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var cts = new CancellationTokenSource(timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token);
            var body = await response.Content.ReadAsStringAsync(cts.Token);
            var ms = sw.Elapsed.TotalMilliseconds;
            var status = (int)response.StatusCode;
            recorder.Record(kind, ms, status);
            if (status >= 500)
            {
                Interlocked.Increment(ref recorder.FiveXx);
                recorder.Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {status} after {ms:F0} ms: {method} {path} ({kind}): {Cut(body, 600)}");
            }
            return new Reply(status, body, response.Headers.Location);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            recorder.RecordNoAnswer(kind, sw.Elapsed.TotalMilliseconds, $"{method} {path} ({kind}): {e.GetType().Name}: {e.Message}");
            return new Reply(0, "", null);
        }
    }

    public static string Cut(string s, int n) => s.Length <= n ? s : s[..n] + "...";
}
