using LtiTool.Lti.Launch;

namespace LtiTool.Web.Features.Shared;

public sealed record LtiErrorView(LtiError Error, string CorrelationId);
