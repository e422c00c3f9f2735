using LtiTool.Lti.Roles;

namespace LtiTool.Lti.Tests.Roles;

public sealed class LisRoleTests
{
    [Theory]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", LisRoleKind.Context, "Learner", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor", LisRoleKind.Context, "Instructor", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant", LisRoleKind.Context, "Instructor", "TeachingAssistant")]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership/instructor#TeachingAssistant", LisRoleKind.Context, "instructor", "TeachingAssistant")]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper", LisRoleKind.Context, "ContentDeveloper", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor", LisRoleKind.Context, "Mentor", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator", LisRoleKind.Institution, "Administrator", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin", LisRoleKind.System, "SysAdmin", null)]
    [InlineData("http://purl.imsglobal.org/vocab/lti/system/person#TestUser", LisRoleKind.System, "TestUser", null)]
    [InlineData("urn:lti:role:ims/lis/Learner", LisRoleKind.Context, "Learner", null)]
    [InlineData("urn:lti:role:ims/lis/Learner/NonCreditLearner", LisRoleKind.Context, "Learner", "NonCreditLearner")]
    [InlineData("urn:lti:role:ims/lis/TeachingAssistant", LisRoleKind.Context, "TeachingAssistant", null)]
    [InlineData("urn:lti:instrole:ims/lis/Administrator", LisRoleKind.Institution, "Administrator", null)]
    [InlineData("urn:lti:sysrole:ims/lis/SysAdmin", LisRoleKind.System, "SysAdmin", null)]
    [InlineData("Instructor", LisRoleKind.Context, "Instructor", null)]
    [InlineData("Learner", LisRoleKind.Context, "Learner", null)]
    public void Parse_KnownForms_GiveKindNameAndSubRole(string value, LisRoleKind kind, string name, string? subRole)
    {
        var role = LisRole.Parse(value);
        Assert.Equal(kind, role.Kind);
        Assert.Equal(name, role.Name);
        Assert.Equal(subRole, role.SubRole);
        Assert.Equal(value, role.Value);
    }

    [Theory]
    [InlineData("https://example.edu/roles#Wizard")]
    [InlineData("http://purl.imsglobal.org/vocab/lis/v2/unknownvocab")]
    public void Parse_UnknownValue_IsKeptNotThrown(string value)
    {
        var role = LisRole.Parse(value);
        Assert.Equal(LisRoleKind.Unknown, role.Kind);
        Assert.Equal(value, role.Value);
    }
}
