namespace LtiTool.Web.Features.Roles;

/// <summary>
/// The tool's internal roles. The first block comes from LIS membership roles; the second from Canvas custom
/// role names (the university's procedures), each refining a base role and valid only on top of it.
/// </summary>
public static class CourseRoles
{
    public const string Student = "Student";
    public const string TestStudent = "TestStudent";
    public const string Observer = "Observer";
    public const string Teacher = "Teacher";
    public const string TeachingAssistant = "TeachingAssistant";
    public const string Designer = "Designer";
    public const string Admin = "Admin";
    public const string GroupMember = "GroupMember";
    public const string GroupLeader = "GroupLeader";

    public const string CoInstructor = "CoInstructor";
    public const string CourseManager = "CourseManager";
    public const string GuestInstructor = "GuestInstructor";
    public const string Grader = "Grader";
    public const string WlStudent = "WlStudent";
    public const string S2Student = "S2Student";
    public const string NoS2Student = "NoS2Student";
    public const string Enterprise = "Enterprise";
    public const string Executive = "Executive";
    public const string Deputy = "Deputy";
    public const string Manager = "Manager";
    public const string Researcher = "Researcher";

    /// <summary>The roles LIS membership (and admin) URNs map to.</summary>
    public static readonly IReadOnlyList<string> BaseRoles =
        [Student, TestStudent, Observer, Teacher, TeachingAssistant, Designer, Admin, GroupMember, GroupLeader];

    /// <summary>Each refined role and the base role it needs and falls back to.</summary>
    public static readonly IReadOnlyDictionary<string, string> BaseOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CoInstructor] = Teacher,
        [CourseManager] = Teacher,
        [GuestInstructor] = Teacher,
        [Grader] = TeachingAssistant,
        [WlStudent] = Student,
        [S2Student] = Student,
        [NoS2Student] = Student,
        [Enterprise] = Admin,
        [Executive] = Admin,
        [Deputy] = Admin,
        [Manager] = Admin,
        [Researcher] = Admin,
    };

    /// <summary>Every role a matrix may name.</summary>
    public static IEnumerable<string> All => BaseRoles.Concat(BaseOf.Keys);

    /// <summary>The role itself, or the base it refines.</summary>
    public static string BaseRoleOf(string role) => BaseOf.TryGetValue(role, out var b) ? b : role;
}
