namespace LtiTool.DemoPlatform;

/// <summary>A user of the demo LMS, shaped like Canvas's launch data.</summary>
/// <param name="Subject">The LTI 1.3 user id (sub).</param>
/// <param name="LoginHint">The opaque 40-hex login hint Canvas sends.</param>
/// <param name="Name">Full name (null to simulate a privacy level that hides it).</param>
/// <param name="GivenName">Given name.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="Email">E-mail.</param>
/// <param name="Roles">LIS role URNs as Canvas sends them.</param>
/// <param name="MentorOf">For observers: the subjects of the observed students.</param>
public sealed record DemoUser(
    string Subject,
    string LoginHint,
    string? Name,
    string? GivenName,
    string? FamilyName,
    string? Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> MentorOf);

/// <summary>A course of the demo LMS.</summary>
public sealed record DemoCourse(string ContextId, string Label, string Title, string AssignmentResourceLinkId, string AssignmentTitle);

/// <summary>The demo LMS's people and course, with the role URNs Canvas sends for each kind of user.</summary>
public static class DemoData
{
    private const string Membership = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string Institution = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private const string SystemUser = "http://purl.imsglobal.org/vocab/lis/v2/system/person#User";
    private const string TestUser = "http://purl.imsglobal.org/vocab/lti/system/person#TestUser";

    /// <summary>The demo course.</summary>
    public static readonly DemoCourse Course = new("d3m0c0urse0000000000000000000000000000a1", "DEMO101", "Demo Course 101: Introduction to LTI",
        "7b0a1c2e-0000-4000-8000-0000000000a1", "Essay 1: Why interoperability matters");

    /// <summary>A teacher.</summary>
    public static readonly DemoUser Instructor = new("5f6e7d8c-0000-4000-8000-000000000001", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
        "Ada Instructor", "Ada", "Instructor", "ada.instructor@demo.example.edu",
        [Institution + "Instructor", Membership + "Instructor", SystemUser], []);

    /// <summary>A student.</summary>
    public static readonly DemoUser Student = new("5f6e7d8c-0000-4000-8000-000000000002", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2",
        "Sam Student", "Sam", "Student", "sam.student@demo.example.edu",
        [Institution + "Student", Membership + "Learner", SystemUser], []);

    /// <summary>Canvas's Student View user.</summary>
    public static readonly DemoUser TestStudent = new("5f6e7d8c-0000-4000-8000-000000000003", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3",
        "Test Student", "Test", "Student", null,
        [Membership + "Learner", SystemUser, TestUser], []);

    /// <summary>An account administrator (Canvas custom admin role "Enterprise").</summary>
    public static readonly DemoUser Administrator = new("5f6e7d8c-0000-4000-8000-000000000005", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5",
        "Irene Administrator", "Irene", "Administrator", "irene.administrator@demo.example.edu",
        [Institution + "Administrator", SystemUser], []);

    /// <summary>The Canvas role names the administrator's launches carry in canvas_membership_roles.</summary>
    public const string AdministratorCanvasRoles = "Account Admin,Enterprise";

    /// <summary>The root account, the context of account-navigation launches.</summary>
    public static readonly (string Id, string Title) Account = ("d3m0acc0unt00000000000000000000000000a1", "Demo University");

    /// <summary>An observer of the student.</summary>
    public static readonly DemoUser Observer = new("5f6e7d8c-0000-4000-8000-000000000004", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4",
        "Olive Observer", "Olive", "Observer", "olive.observer@demo.example.edu",
        [Membership + "Mentor", SystemUser], [Student.Subject]);
}
