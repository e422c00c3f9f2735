namespace LtiTool.Web.Features.Assignments;

/// <summary>Activities (instructors), submissions (students) and their review: the assignment loop of issue #5.</summary>
public static class AssignmentsFeature
{
    public static IServiceCollection AddAssignments(this IServiceCollection services)
    {
        services.AddSingleton<InstructionsSanitizer>();
        return services;
    }

    public static IEndpointRouteBuilder MapAssignments(this IEndpointRouteBuilder app)
    {
        app.MapActivities();
        app.MapSubmissions();
        return app;
    }
}
