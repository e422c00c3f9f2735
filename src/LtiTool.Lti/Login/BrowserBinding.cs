using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.Lti.Login;

/// <summary>
/// Ties a login state to the browser that started it (Security Framework 1.0 §5.1.1.5, "state" binding):
/// the browser keeps a secret in a cookie named after the state — or, where the browser drops that cookie, in the
/// platform's window through platform storage — and the server keeps only its hash. A cookie (or key) per state
/// lets several launches run side by side in one Canvas page.
/// </summary>
public static class BrowserBinding
{
    /// <summary>The cookie name prefix.</summary>
    /// <summary>The cookie name prefix; __Host- so a sibling subdomain cannot plant a binding of its own.</summary>
    public const string CookiePrefix = "__Host-lti_bind_";

    /// <summary>The cookie that carries the binding secret for a state.</summary>
    public static string CookieName(string state) =>
        CookiePrefix + (state.Length > 16 ? state[..16] : state);

    /// <summary>
    /// The platform storage key of the binding secret for a state. The state is part of the key, as Canvas
    /// advises, so that launches running side by side in one LMS page do not overwrite each other.
    /// </summary>
    public static string StorageKey(string state) => "ltitool_bind_" + state;

    /// <summary>The hash the server stores for a binding secret.</summary>
    public static string Hash(string secret) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether the secret from the cookie matches the stored hash (constant time).</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
