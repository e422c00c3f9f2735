
namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// The audit log (issue #6): the recorder the use cases call, the pages <c>/admin/audit</c> and
/// <c>/admin/audit/access-review</c> (found by Razor Pages), and the JSON and CSV endpoints.
/// </summary>
public static class AuditFeature
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app) => app.MapAuditApi();
}
