namespace LtiTool.Web.Features.Launch;

/// <summary>The tool's own course roles.</summary>
public enum InternalRole
{
    Student,
    TestStudent,
    Observer,
    Teacher,
    TeachingAssistant,
    Designer,
    Admin,
}
