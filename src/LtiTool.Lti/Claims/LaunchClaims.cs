namespace LtiTool.Lti.Claims;

/// <summary>The context claim (LTI Core 1.3 §5.4.1).</summary>
public sealed record ContextClaim(string Id, string? Label, string? Title, IReadOnlyList<string> Types);

/// <summary>The resource link claim (LTI Core 1.3 §5.3.5).</summary>
public sealed record ResourceLinkClaim(string Id, string? Title, string? Description);

/// <summary>The AGS endpoint claim (AGS 2.0 §3.1).</summary>
public sealed record AgsEndpointClaim(string? LineItems, string? LineItem, IReadOnlyList<string> Scopes);

/// <summary>The NRPS claim (NRPS 2.0 §3.6.1).</summary>
public sealed record NrpsClaim(string ContextMembershipsUrl, IReadOnlyList<string> ServiceVersions);

/// <summary>The launch presentation claim (LTI Core 1.3 §5.4.4).</summary>
public sealed record LaunchPresentationClaim(string? DocumentTarget, string? ReturnUrl, string? Locale, int? Width, int? Height);

/// <summary>The platform instance claim (LTI Core 1.3 §5.4.2).</summary>
public sealed record ToolPlatformClaim(string? Guid, string? Name, string? ProductFamilyCode, string? Version);

/// <summary>The deep linking settings (Deep Linking 2.0 §4.4.1).</summary>
public sealed record DeepLinkingSettingsClaim(
    string DeepLinkReturnUrl,
    IReadOnlyList<string> AcceptTypes,
    IReadOnlyList<string> AcceptPresentationDocumentTargets,
    string? AcceptMediaTypes,
    bool AcceptMultiple,
    bool AutoCreate,
    bool? AcceptLineItem,
    string? Title,
    string? Text,
    string? Data);
