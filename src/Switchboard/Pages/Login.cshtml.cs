using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Switchboard.Core.Accounts;
using Switchboard.Web.Auth;

namespace Switchboard.Web.Pages;

public sealed class LoginModel(CheckCredentials check) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await check.RunAsync(Email, Password, HttpContext.Connection.RemoteIpAddress, ct);
        if (result.Caller is not { } caller)
        {
            Error = result.Outcome == SignInOutcome.TooManyFailures ? result.TooManyMessage : SignInAttempt.RefusedMessage;
            if (result.Outcome == SignInOutcome.TooManyFailures) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        await HttpContext.SignInPortalAsync(caller, result.SecurityStamp);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? AsciiOnly(ReturnUrl!) : "/");
    }

    /// <summary>
    /// A local address with its non-ASCII characters percent-encoded as UTF-8 ("/é" to "/%C3%A9"):
    /// a Location header may carry only ASCII, and the browser decodes it back to the same page.
    /// </summary>
    private static string AsciiOnly(string url)
    {
        var s = new System.Text.StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii && !System.Text.Rune.IsControl(rune)) { s.Append((char)rune.Value); continue; }
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)]) s.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return s.ToString();
    }
}
