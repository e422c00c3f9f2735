using System.Globalization;
using LtiTool.Lti.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS's Names and Role Provisioning Service, shaped like Canvas's: at most 50 members a page, paging
/// only through the Link header, status always Active, role filter by URN, bearer token with the NRPS scope.
/// </summary>
public static class DemoNrpsEndpoint
{
    public const int MaxPageSize = 50;

    public static IResult Handle(HttpRequest request, DemoLms lms, DemoTokenEndpoint tokens)
    {
        if (!tokens.Authorizes(request.Headers.Authorization, LtiScopes.NrpsContextMembershipReadOnly))
            return Results.Json(new { errors = new { type = "unauthorized", message = "Invalid access token" } }, statusCode: StatusCodes.Status401Unauthorized);
        if (lms.NrpsAvailable is false) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

        var query = request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, MaxPageSize) : MaxPageSize;
        var page = int.TryParse(query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        string? role = query["role"];
        var all = DemoRoster.Members(lms.Options.GeneratedStudents);
        var members = role is null ? all : all.Where(m => m.Roles.Contains(role, StringComparer.Ordinal)).ToList();

        var course = DemoData.Course;
        var slice = members.Skip((page - 1) * limit).Take(limit).Select(m => new
        {
            status = "Active",
            name = m.Name,
            given_name = m.GivenName,
            family_name = m.FamilyName,
            email = m.Email,
            user_id = m.Subject,
            lti11_legacy_user_id = m.LoginHint,
            roles = m.Roles.Where(r => r.Contains("/membership", StringComparison.Ordinal) || r.Contains("TestUser", StringComparison.Ordinal)).ToArray(),
        }).ToArray();
        if (page * limit < members.Count)
        {
            var next = QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}",
                new Dictionary<string, string?> { ["page"] = (page + 1).ToString(CultureInfo.InvariantCulture), ["limit"] = limit.ToString(CultureInfo.InvariantCulture), ["role"] = role }
                    .Where(kv => kv.Value is not null).ToDictionary());
            request.HttpContext.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return Results.Content(System.Text.Json.JsonSerializer.Serialize(new
        {
            id = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
            context = new { id = course.ContextId, label = course.Label, title = course.Title },
            members = slice,
        }), LtiMediaTypes.MembershipContainer);
    }
}
