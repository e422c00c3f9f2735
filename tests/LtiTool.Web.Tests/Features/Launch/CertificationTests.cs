using System.Net;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Claims;

namespace LtiTool.Web.Tests.Features.Launch;

/// <summary>The 1EdTech LTI 1.3 tool certification cases, through HTTP against the demo platform.</summary>
public sealed class CertificationTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string, int> InvalidLaunches => new()
    {
        { "no kid", "kid_missing", 400 },
        { "unknown kid", "key_not_found", 400 },
        { "alg none", "alg_not_allowed", 400 },
        { "HMAC with the public key", "alg_not_allowed", 400 },
        { "wrong LTI version", "version_unsupported", 400 },
        { "no LTI version", "version_missing", 400 },
        { "invalid message type", "message_type_unsupported", 400 },
        { "no message type", "message_type_missing", 400 },
        { "no roles", "roles_missing", 400 },
        { "no deployment id", "deployment_missing", 400 },
        { "unknown deployment id", "deployment_unknown", 403 },
        { "no resource link id", "resource_link_missing", 400 },
        { "no user (sub)", "sub_missing", 400 },
        { "expired", "token_expired", 401 },
        { "issued in the future", "token_issued_in_future", 401 },
        { "wrong issuer", "issuer_mismatch", 401 },
        { "wrong audience", "audience_mismatch", 401 },
        { "no nonce", "nonce_missing", 401 },
        { "signed by another key", "signature_invalid", 401 },
    };

    private static Action<LaunchTokenBuilder> Break(string what) => what switch
    {
        "no kid" => b => b.Signing = TokenSigning.NoKid,
        "unknown kid" => b => b.Signing = TokenSigning.UnknownKey,
        "alg none" => b => b.Signing = TokenSigning.AlgNone,
        "HMAC with the public key" => b => b.Signing = TokenSigning.HmacWithPublicKey,
        "wrong LTI version" => b => b.Set(LtiClaimTypes.Version, "1.0.0"),
        "no LTI version" => b => b.Remove(LtiClaimTypes.Version),
        "invalid message type" => b => b.Set(LtiClaimTypes.MessageType, "LtiFooRequest"),
        "no message type" => b => b.Remove(LtiClaimTypes.MessageType),
        "no roles" => b => b.Remove(LtiClaimTypes.Roles),
        "no deployment id" => b => b.Remove(LtiClaimTypes.DeploymentId),
        "unknown deployment id" => b => b.Set(LtiClaimTypes.DeploymentId, "99:unknown"),
        "no resource link id" => b => b.Set(LtiClaimTypes.ResourceLink, new JsonObject { ["title"] = "No id" }),
        "no user (sub)" => b => b.Remove("sub"),
        "expired" => b => b.Set("iat", ((long)b.Claims["iat"]!) - 7200).Set("exp", ((long)b.Claims["iat"]!) - 3600),
        "issued in the future" => b => b.Set("iat", ((long)b.Claims["iat"]!) + 600),
        "wrong issuer" => b => b.Set("iss", "https://not-the-platform.example"),
        "wrong audience" => b => b.Set("aud", "someone-else").Remove("azp"),
        "no nonce" => b => b.Remove("nonce"),
        "signed by another key" => b => b.Signing = TokenSigning.WrongKeySameKid,
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(InvalidLaunches))]
    public async Task Launch_InvalidToken_IsRefusedWithItsCode(string what, string code, int status)
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, Break(what));

        Assert.Equal(code, outcome.ErrorCode);
        Assert.Equal(status, (int)outcome.Status);
        Assert.Null(outcome.SessionToken);
    }

    public static TheoryData<string, string?> ValidLearnerAndInstructorLaunches => new()
    {
        { "email only", "sam.student@demo.example.edu" },
        { "name only", "Sam Student" },
        { "given and family name only", "Sam Student" },
        { "no PII", null },
        { "no context", "Sam Student" },
    };

    private static Action<LaunchTokenBuilder> Privacy(string what) => what switch
    {
        "email only" => b => b.Remove("name").Remove("given_name").Remove("family_name"),
        "name only" => b => b.Remove("email").Remove("given_name").Remove("family_name"),
        "given and family name only" => b => b.Remove("email").Remove("name"),
        "no PII" => b => b.Remove("email").Remove("name").Remove("given_name").Remove("family_name"),
        "no context" => b => b.Remove(LtiClaimTypes.Context),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(ValidLearnerAndInstructorLaunches))]
    public async Task Launch_LearnerWithLittleData_Succeeds(string what, string? shownName)
    {
        var outcome = await _app.LaunchAsync(LaunchKind.StudentAssignment, Privacy(what));
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(shownName ?? "guest", outcome.UserName);
        Assert.Equal(["Student"], outcome.Roles);
    }

    [Theory]
    [MemberData(nameof(ValidLearnerAndInstructorLaunches))]
    public async Task Launch_InstructorWithLittleData_Succeeds(string what, string? shownName)
    {
        var outcome = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, Privacy(what));
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(shownName?.Replace("Sam Student", "Ada Instructor", StringComparison.Ordinal).Replace("sam.student", "ada.instructor", StringComparison.Ordinal) ?? "guest", outcome.UserName);
        Assert.Equal(["Teacher"], outcome.Roles);
    }
}
