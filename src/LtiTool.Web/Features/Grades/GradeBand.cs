namespace LtiTool.Web.Features.Grades;

/// <summary>A value of a banded scheme, shown for every score from <paramref name="MinPercent"/> of the maximum up to the next band.</summary>
public sealed record GradeBand(string Value, decimal MinPercent);
