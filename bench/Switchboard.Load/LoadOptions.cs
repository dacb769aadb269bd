using System.Globalization;
using System.Net;

namespace Switchboard.Load;

/// <summary>The tool's arguments, each with a hard bound: the run is limited in time, in requests and in size.</summary>
public sealed record LoadOptions
{
    public int Seconds { get; init; } = 120;
    public int Admins { get; init; } = 50;
    public int Clients { get; init; } = 10;
    public int SeedUsers { get; init; } = 1000;
    public string? Postgres { get; init; }
    public int ThinkMs { get; init; }
    public long MaxRequests { get; init; } = 2_000_000;
    public int DrainSeconds { get; init; } = 60;
    public int RequestTimeoutSeconds { get; init; } = 30;
    public int ResignSeconds { get; init; } = 30;
    public int ImportEverySeconds { get; init; } = 20;
    public int RandomSeed { get; init; } = 1;
    public bool Keep { get; init; }
    public bool Tamper { get; init; }

    public const string Usage = """
        Switchboard load test: client administrators sign in, page through and search users, edit single users,
        create users, export and import, all at once against one Release server on loopback; then the database
        is read back and every acknowledged write is checked.

          dotnet run -c Release --project bench/Switchboard.Load -- [options]

          --seconds N         length of the load phase (1-600, default 120); then no new request starts
          --admins N          concurrent client administrators (1-200, default 50)
          --clients N         clients they are spread over (1-admins, default 10)
          --seed-users N      users imported per client before the load (admins per client x 2 - 20000, default 1000)
          --postgres CS       Npgsql connection string without Database to a PostgreSQL on loopback; a fresh
                              database is created there and dropped afterwards. Without it: SQLite.
          --think-ms N        pause between one administrator's operations (0-60000, default 0: back to back)
          --max-requests N    stop starting requests after this many (default 2000000)
          --drain-seconds N   how long requests and imports still running at the end may take (5-300, default 60)
          --request-timeout N seconds before one request counts as unanswered (1-300, default 30)
          --resign-seconds N  each administrator signs in again this often (5-600, default 30)
          --import-every N    each administrator uploads an import about this often, in seconds, and waits
                              for its report (0-600, default 20; 0: no imports)
          --seed N            random seed of the workload (default 1)
          --keep              keep the server's directory (SQLite file, server log) afterwards
          --tamper            check the checker: after the load, undo one acknowledged edit, one acknowledged
                              import row and one acknowledged create directly in the database; the verdict
                              must then be FAIL, naming exactly those
        """;

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int(int min, int max)
            {
                var name = args[i];
                var text = Next();
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                    throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'");
                return v;
            }
            o = args[i] switch
            {
                "--seconds" => o with { Seconds = Int(1, 600) },
                "--admins" => o with { Admins = Int(1, 200) },
                "--clients" => o with { Clients = Int(1, 200) },
                "--seed-users" => o with { SeedUsers = Int(2, 20_000) },
                "--postgres" => o with { Postgres = Next() },
                "--think-ms" => o with { ThinkMs = Int(0, 60_000) },
                "--max-requests" => o with { MaxRequests = Int(1, 10_000_000) },
                "--drain-seconds" => o with { DrainSeconds = Int(5, 300) },
                "--request-timeout" => o with { RequestTimeoutSeconds = Int(1, 300) },
                "--resign-seconds" => o with { ResignSeconds = Int(5, 600) },
                "--import-every" => o with { ImportEverySeconds = Int(0, 600) },
                "--seed" => o with { RandomSeed = Int(0, int.MaxValue) },
                "--keep" => o with { Keep = true },
                "--tamper" => o with { Tamper = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        if (o.Clients > o.Admins) throw new ArgumentException("--clients may not exceed --admins (every client needs an administrator)");
        var perClient = (o.Admins + o.Clients - 1) / o.Clients;
        if (o.SeedUsers < perClient * 2) throw new ArgumentException($"--seed-users must be at least {perClient * 2}: each administrator owns a share of its client's users");
        if (o.Postgres is not null) RequireLoopback(o.Postgres);
        return o;
    }

    /// <summary>The tool creates and drops a database there: only a server on this machine will do.</summary>
    private static void RequireLoopback(string connectionString)
    {
        var host = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host ?? "";
        foreach (var h in host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = IPAddress.TryParse(h, out _) ? h : h.Split(':')[0]; // "::1" whole; "127.0.0.1:5432" without the port
            if (name.StartsWith('/') || name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))) continue;
            throw new ArgumentException($"--postgres must name a server on loopback (127.0.0.1, ::1, localhost or a socket directory), not '{h}'");
        }
        if (host.Length == 0) throw new ArgumentException("--postgres needs Host=127.0.0.1 (or another loopback address)");
    }
}
