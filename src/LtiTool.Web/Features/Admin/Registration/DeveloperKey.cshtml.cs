using System.Text.Json;
using LtiTool.Web.Features.Roles;
using LtiTool.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>For administrators: the developer key JSON as Canvas will read it, the URL to give Canvas, and the Dynamic Registration URL.</summary>
[Authorize(Policy = PermissionPolicies.Prefix + Permissions.ManagePlatforms)]
public sealed class DeveloperKeyModel(ToolProfiles profiles, PublicUrls urls) : PageModel
{
    public const string RegisterPath = "/lti/register";

    public ToolProfile Profile { get; private set; } = null!;
    public string Json { get; private set; } = "";
    public Uri ConfigUrl { get; private set; } = null!;
    public Uri RegisterUrl { get; private set; } = null!;

    public void OnGet()
    {
        Profile = profiles.For(Request);
        Json = DeveloperKeyJson.Build(Profile).ToJsonString(DeveloperKeyJson.Indented);
        ConfigUrl = urls.Absolute(Request, DeveloperKeyJson.Path);
        RegisterUrl = urls.Absolute(Request, RegisterPath);
    }
}
