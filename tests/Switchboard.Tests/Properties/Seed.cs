using System.Globalization;

namespace Switchboard.Tests.Properties;

/// <summary>
/// Seeds for the generated cases. Each run uses a fixed seed per test so CI is reproducible;
/// SWITCHBOARD_SEED=&lt;number&gt; runs every property with another seed (SWITCHBOARD_SEED=random picks
/// one). Every failure message names the seed, so any failing run can be replayed exactly.
/// </summary>
public static class Seed
{
    public const string Variable = "SWITCHBOARD_SEED";

    public static int For(int fixedSeed) => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" => fixedSeed,
        "random" => Random.Shared.Next(),
        var s => int.Parse(s, CultureInfo.InvariantCulture),
    };

    public static string Replay(int seed) => $"[seed {seed}: replay with {Variable}={seed}]";
}
