using LtiTool.Lti.Login;
using Microsoft.AspNetCore.Http;

namespace LtiTool.Lti.AspNetCore;

/// <summary>
/// Writes and reads the browser-binding cookie. It is <c>SameSite=None; Secure; Partitioned</c> (CHIPS), the
/// only kind a browser that blocks third-party cookies still keeps in the LMS iframe. Browsers treat
/// loopback hosts as secure, so it works on plain http to 127.0.0.1 and localhost too.
/// </summary>
public static class BindingCookie
{
    /// <summary>Sets the cookie for a state.</summary>
    public static void Append(HttpResponse response, string state, string secret, TimeSpan lifetime) =>
        response.Cookies.Append(BrowserBinding.CookieName(state), secret, Options(lifetime));

    /// <summary>The secret the browser sent for a state, or null.</summary>
    public static string? Read(HttpRequest request, string? state) =>
        string.IsNullOrEmpty(state) ? null : request.Cookies[BrowserBinding.CookieName(state)];

    /// <summary>Removes the cookie once the launch used it.</summary>
    public static void Delete(HttpResponse response, string state) =>
        response.Cookies.Delete(BrowserBinding.CookieName(state), Options(TimeSpan.Zero));

    private static CookieOptions Options(TimeSpan lifetime)
    {
        var options = new CookieOptions
        {
            Path = "/", // required by the __Host- prefix; HttpOnly and short-lived, read by the launch and the login page's check
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.None,
            IsEssential = true,
            MaxAge = lifetime,
        };
        options.Extensions.Add("Partitioned");
        return options;
    }
}
