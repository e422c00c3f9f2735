using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiTool.LoadTest;

/// <summary>One login + launch pair, as a browser and a platform would do it.</summary>
internal sealed class Launcher(HttpClient http, Uri toolBase, string template, JsonWebTokenHandler handler, SigningCredentials credentials,
    string issuer, string clientId, string deploymentId)
{
    private readonly Uri _login = new(toolBase, "lti/login");
    private readonly Uri _launch = new(toolBase, "lti/launch");

    public async Task<bool> LaunchAsync()
    {
        using var login = await http.PostAsync(_login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["iss"] = issuer, ["client_id"] = clientId, ["lti_deployment_id"] = deploymentId,
            ["login_hint"] = "load", ["lti_message_hint"] = "load", ["target_link_uri"] = _launch.AbsoluteUri,
        }));
        if (login.Headers.Location is not { } location) return false;
        var query = QueryHelpers.ParseQuery(location.Query);
        var cookie = login.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.First().Split(';')[0] : null;

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = template.Replace("\"__NONCE__\"", "\"" + query["nonce"] + "\"", StringComparison.Ordinal)
            .Replace("\"iat\":0", "\"iat\":" + now.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"exp\":3600", "\"exp\":" + (now + 3600).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var token = handler.CreateToken(payload, credentials);

        using var request = new HttpRequestMessage(HttpMethod.Post, _launch)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = token, ["state"] = query["state"]! }),
        };
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var launch = await http.SendAsync(request);
        var body = await launch.Content.ReadAsStringAsync();
        return launch.IsSuccessStatusCode && body.Contains("lti-session-token", StringComparison.Ordinal);
    }
}
