using System.Text;
using Switchboard.Core.Csv;
using Switchboard.Core.Users.Values;

namespace Switchboard.Tests.Properties;

/// <summary>
/// The value rules against oracles written straight from users-csv.md ("Values"), over thousands of
/// generated values each: the rule accepts exactly what the contract allows.
/// </summary>
public sealed class ValueRulesAgreeWithTheContract
{
    public const int CasesPerRule = 4_000;

    private static readonly string[] Emergency = ["911", "112", "999", "933"];

    [Fact]
    public void Extensions_are_2_to_8_digits_not_starting_with_0_nor_with_an_emergency_number()
    {
        Check(seed: 11, r => Digits(r, r.Next(0, 11)) + (r.Next(20) == 0 ? Pick(r, "a", " ", "٢", "-") : ""), e =>
            e.Length is >= 2 and <= 8 && e.All(char.IsAsciiDigit) && e[0] != '0' && !Emergency.Any(e.StartsWith),
            e => ExtensionValue.Check(e) is null);
    }

    [Fact]
    public void Voicemail_pins_are_4_to_10_digits_not_the_extension_not_one_digit_repeated_and_not_a_keypad_run()
    {
        const string extension = "2468";
        Check(seed: 12, r => r.Next(6) switch
            {
                0 => new string((char)('0' + r.Next(10)), r.Next(3, 12)),
                1 => Run(r),
                2 when r.Next(2) == 0 => Pick(r, "8901", "9012", "1098", "2109", "7890", "0987", "0123", "3210"),
                2 => extension,
                _ => Digits(r, r.Next(2, 12)) + (r.Next(20) == 0 ? "x" : ""),
            },
            p => p.Length is >= 4 and <= 10 && p.All(char.IsAsciiDigit) && p != extension && p.Distinct().Count() > 1 && !IsRun(p),
            p => PinValue.Check(p, extension) is null);
    }

    [Fact]
    public void Mac_addresses_are_12_hex_digits_in_any_separators_and_case_and_never_multicast_zero_or_broadcast()
    {
        Check(seed: 13, r =>
            {
                var hex = r.Next(10) switch
                {
                    0 => "000000000000",
                    1 => "FFFFFFFFFFFF",
                    _ => string.Concat(Enumerable.Range(0, r.Next(10, 15)).Select(_ => "0123456789abcdefABCDEFg"[r.Next(r.Next(30) == 0 ? 23 : 22)])),
                };
                var sep = Pick(r, "", ":", "-", ".", " ");
                var sb = new StringBuilder();
                for (var i = 0; i < hex.Length; i++) sb.Append(i > 0 && i % 2 == 0 ? sep : "").Append(hex[i]);
                return sb.ToString();
            },
            m =>
            {
                var hex = string.Concat(m.Where(c => c is not (':' or '-' or '.' or ' '))).ToUpperInvariant();
                return hex.Length == 12 && hex.All(char.IsAsciiHexDigit) && hex != "000000000000" && hex != "FFFFFFFFFFFF" && (Convert.ToByte(hex[..2], 16) & 1) == 0;
            },
            m => MacValue.Check(m) is null);
    }

    [Fact]
    public void Dial_strings_are_an_optional_plus_then_2_to_20_digits_once_spaces_dashes_dots_and_brackets_are_dropped()
    {
        Check(seed: 14, r =>
            {
                var sb = new StringBuilder(r.Next(3) == 0 ? "+" : "");
                var n = r.Next(0, 24);
                for (var i = 0; i < n; i++) sb.Append(r.Next(6) == 0 ? Pick(r, " ", "-", ".", "(", ")", "+", "x", "E") : Digits(r, 1));
                return sb.ToString();
            },
            d =>
            {
                var s = string.Concat(d.Where(c => c is not (' ' or '-' or '.' or '(' or ')')));
                var digits = s.StartsWith('+') ? s[1..] : s;
                return digits.Length is >= 2 and <= 20 && digits.All(char.IsAsciiDigit);
            },
            d => DialStringValue.Check(DialStringValue.Normalize(d)) is null);
    }

    [Fact]
    public void Text_values_are_at_most_64_characters_with_no_control_or_invisible_formatting_character()
    {
        string[] allowed = ["a", "Zoë", "中", "😀", " ", "'", "\"", ",", "=", "\u00A0", "\u0301", "Ab12"];
        string[] forbidden = ["\t", "\n", "\u0001", "\u200B", "\u202E", "\u2066", "\uFEFF"];
        Check(seed: 15, r => string.Concat(Enumerable.Range(0, r.Next(1, 30)).Select(_ => r.Next(25) == 0 ? Pick(r, forbidden) : Pick(r, allowed))),
            t => t.Length <= 64 && !t.Any(c => char.IsControl(c) || c is '\u200B' or '\u202E' or '\u2066' or '\uFEFF')
                 // ...and not an apostrophe before a value the guard protects (Writing the file: refused where values are set).
                 && !(t.Length > 1 && t[0] == '\'' && (t[1] == '\'' || SpreadsheetGuard.IsAltered(t[1..]))),
            t => TextValue.Check(t, TextValue.MaxName) is null);
    }

    private static void Check(int seed, Func<Random, string> generate, Func<string, bool> contract, Func<string, bool> rule)
    {
        seed = Seed.For(seed);
        var random = new Random(seed);
        int accepted = 0, refused = 0;
        for (var i = 0; i < CasesPerRule; i++)
        {
            var value = generate(random);
            var want = contract(value);
            Assert.True(want == rule(value), $"\"{value}\": the contract {(want ? "allows" : "refuses")} it, the rule does not {Seed.Replay(seed)}");
            if (want) accepted++;
            else refused++;
        }
        Assert.True(accepted > CasesPerRule / 20 && refused > CasesPerRule / 20, $"a degenerate run: {accepted} accepted, {refused} refused {Seed.Replay(seed)}");
    }

    private static string Digits(Random r, int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + r.Next(10))));

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    private static string Run(Random r)
    {
        var run = r.Next(2) == 0 ? "01234567890" : "09876543210";
        var length = r.Next(4, 11);
        return run.Substring(r.Next(0, run.Length - length + 1), length);
    }

    /// <summary>
    /// Consecutive digits up or down the keypad, where 0 may stand before 1 (0123) or after 9 (7890),
    /// without going round (8901 is not a run).
    /// </summary>
    private static bool IsRun(string p)
    {
        bool Steps(int step, int zero) => Enumerable.Range(1, p.Length - 1).All(i => Key(p[i], zero) - Key(p[i - 1], zero) == step);
        return Steps(1, 0) || Steps(1, 10) || Steps(-1, 0) || Steps(-1, 10);
    }

    private static int Key(char c, int zero) => c == '0' ? zero : c - '0';
}
