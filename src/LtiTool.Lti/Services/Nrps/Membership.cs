using System.Text.Json.Serialization;

namespace LtiTool.Lti.Services.Nrps;

/// <summary>A member of a context (NRPS 2.0 §2.3); PII fields depend on the platform's privacy settings.</summary>
public sealed record Membership(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("picture")] string? Picture,
    [property: JsonPropertyName("lis_person_sourcedid")] string? LisPersonSourcedId,
    [property: JsonPropertyName("lti11_legacy_user_id")] string? Lti11LegacyUserId,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

/// <summary>The context a membership container describes.</summary>
public sealed record MembershipContext(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("title")] string? Title);

/// <summary>One page of a membership container (NRPS 2.0 §2.2).</summary>
public sealed record MembershipPage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("context")] MembershipContext? Context,
    [property: JsonPropertyName("members")] IReadOnlyList<Membership> Members);

/// <summary>Filters of a membership request (NRPS 2.0 §2.4): a role URN, a resource link id, a page size.</summary>
public sealed record MembershipQuery(string? Role = null, string? ResourceLinkId = null, int? Limit = null);

[JsonSerializable(typeof(MembershipPage))]
internal sealed partial class NrpsJsonContext : JsonSerializerContext;
