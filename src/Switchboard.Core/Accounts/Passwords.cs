using Microsoft.AspNetCore.Identity;
using Switchboard.Core.Data;

namespace Switchboard.Core.Accounts;

/// <summary>Web passwords, hashed with ASP.NET Core Identity's deliberately slow PBKDF2 hasher.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<SignIn> _hasher = new();
    private static readonly SignIn Nobody = new() { Email = "", NormalizedEmail = "", Role = "" };

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>A hash no password matches, verified instead when there is no real one so every refusal costs the same time.</summary>
    public string Decoy { get; } = new PasswordHasher<SignIn>().HashPassword(Nobody, Guid.NewGuid().ToString("N"));

    public bool Verify(string? hash, string password) =>
        hash is not null && _hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Hashes many passwords over every core: a file that sets thousands of them is bound by this.</summary>
    public string?[] HashAll(IReadOnlyList<string?> passwords, Action<int>? done = null)
    {
        var result = new string?[passwords.Count];
        // Rows without a password count as done at once: one progress update per row costs more than the rest of a 100k-row file without passwords.
        var toHash = Enumerable.Range(0, passwords.Count).Where(i => passwords[i] is not null).ToArray();
        done?.Invoke(passwords.Count - toHash.Length);
        Parallel.ForEach(toHash, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            result[i] = Hash(passwords[i]!);
            done?.Invoke(1);
        });
        return result;
    }
}
