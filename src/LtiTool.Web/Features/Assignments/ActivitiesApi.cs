namespace LtiTool.Web.Features.Assignments;

/// <summary>Activity management JSON (the activity editor lands with its own commit).</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app) => app;
}
