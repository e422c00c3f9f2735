namespace LtiTool.Web.Features.Grades;

public enum GradingSchemeKind
{
    Points,
    Percentage,
    Letter,
    PassFail,
    Competency,
}
