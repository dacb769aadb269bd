namespace Switchboard.Core.Users.Storage;

/// <summary>
/// For bench/Switchboard.Bench only, which measures what two parts of every import cost by running the
/// same imports without them, in the same run: the environment variable
/// <c>SWITCHBOARD_BENCH_WITHOUT</c> (a comma-separated list of <c>before-images</c> and <c>ha1</c>) makes
/// the one applier skip keeping before-images (such imports cannot be undone) or computing and storing
/// the SIP HA1s (such users cannot register). Deliberately not a configuration setting, and the server
/// warns at start when it is set (see DatabaseStartup).
/// </summary>
public static class BenchmarkSwitches
{
    public const string Variable = "SWITCHBOARD_BENCH_WITHOUT";

    private static readonly string[] Without =
        (Environment.GetEnvironmentVariable(Variable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool WithoutBeforeImages { get; } = Without.Contains("before-images", StringComparer.Ordinal);

    public static bool WithoutHa1 { get; } = Without.Contains("ha1", StringComparer.Ordinal);

    public static bool Any => WithoutBeforeImages || WithoutHa1;
}
