namespace LtiTool.DemoPlatform;

/// <summary>The kinds of launch the demo LMS offers.</summary>
public enum LaunchKind
{
    /// <summary>A teacher from course navigation.</summary>
    InstructorCourseNavigation,
    /// <summary>A student into an assignment.</summary>
    StudentAssignment,
    /// <summary>Canvas's Student View (test user) into an assignment.</summary>
    TestStudentAssignment,
    /// <summary>An observer from course navigation.</summary>
    ObserverCourseNavigation,
    /// <summary>A teacher choosing content (deep linking, assignment_selection).</summary>
    InstructorDeepLinking,
    /// <summary>An account administrator from account navigation.</summary>
    AdministratorAccountNavigation,
}

/// <summary>A launch the platform will answer at its authorize endpoint.</summary>
/// <param name="Kind">What kind of launch.</param>
/// <param name="Customize">Edits the token before signing (tests use it to break one thing).</param>
public sealed record LaunchScenario(LaunchKind Kind, Action<LaunchTokenBuilder>? Customize = null)
{
    /// <summary>
    /// For <see cref="LaunchKind.StudentAssignment"/> and <see cref="LaunchKind.TestStudentAssignment"/>: the
    /// assignment created through deep linking to launch into (<see cref="DemoLms.Assignments"/>); null for the
    /// course's built-in essay.
    /// </summary>
    public int? AssignmentId { get; init; }

    /// <summary>A student (or the Student View user) launching into an assignment created through deep linking.</summary>
    public static LaunchScenario IntoAssignment(int assignmentId, bool asTestStudent = false, Action<LaunchTokenBuilder>? customize = null) =>
        new(asTestStudent ? LaunchKind.TestStudentAssignment : LaunchKind.StudentAssignment, customize) { AssignmentId = assignmentId };

    /// <summary>The user the kind launches as.</summary>
    public DemoUser User => Kind switch
    {
        LaunchKind.StudentAssignment => DemoData.Student,
        LaunchKind.TestStudentAssignment => DemoData.TestStudent,
        LaunchKind.ObserverCourseNavigation => DemoData.Observer,
        LaunchKind.AdministratorAccountNavigation => DemoData.Administrator,
        _ => DemoData.Instructor,
    };

    /// <summary>Parses the path segment of the demo page's buttons.</summary>
    public static LaunchKind? ParseKind(string value) => value switch
    {
        "instructor" => LaunchKind.InstructorCourseNavigation,
        "student" => LaunchKind.StudentAssignment,
        "test-student" => LaunchKind.TestStudentAssignment,
        "observer" => LaunchKind.ObserverCourseNavigation,
        "deep-linking" => LaunchKind.InstructorDeepLinking,
        "administrator" => LaunchKind.AdministratorAccountNavigation,
        _ => null,
    };
}

/// <summary>The login initiation the platform sends the browser to (fields of an auto-posted form).</summary>
public sealed record LoginInitiationForm(Uri LoginUrl, IReadOnlyDictionary<string, string> Fields);

/// <summary>The platform's answer to an authentication request: a form post to the tool's redirect_uri.</summary>
public sealed record AuthenticationResponse(Uri RedirectUri, IReadOnlyDictionary<string, string> Fields);
