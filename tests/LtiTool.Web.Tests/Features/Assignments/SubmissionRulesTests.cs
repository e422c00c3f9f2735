using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Assignments;

namespace LtiTool.Web.Tests.Features.Assignments;

/// <summary>The submission state machine: who may submit when, statuses, and quiz scoring.</summary>
public sealed class SubmissionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static ActivityEntity Activity(string resubmission, DateTime? due = null, bool allowLate = true) => new()
    {
        Id = Guid.NewGuid(), Title = "A", SubmissionKind = SubmissionKinds.Text, PointsPossible = 10, Resubmission = resubmission, DueAt = due, AllowLate = allowLate,
    };

    private static SubmissionEntity Submitted(string state = SubmissionStates.Submitted, bool late = false) => new() { Attempt = 1, State = state, Late = late };

    [Theory]
    [InlineData(ResubmissionPolicies.UntilDue, false, null, true)]           // no due date: always
    [InlineData(ResubmissionPolicies.UntilDue, false, 1, true)]              // before the due date
    [InlineData(ResubmissionPolicies.UntilDue, false, -1, false)]            // after it, even with late work allowed
    [InlineData(ResubmissionPolicies.UntilGraded, false, -1, true)]          // late resubmission until graded
    [InlineData(ResubmissionPolicies.UntilGraded, true, 1, false)]           // graded: closed
    [InlineData(ResubmissionPolicies.Never, false, 1, false)]
    public void MaySubmit_Again_FollowsThePolicy(string policy, bool graded, int? dueInHours, bool expected)
    {
        var activity = Activity(policy, dueInHours is { } h ? Now.AddHours(h) : null);
        var latest = Submitted(graded ? SubmissionStates.Graded : SubmissionStates.Submitted);

        Assert.Equal(expected, SubmissionRules.MaySubmit(activity, latest, Now));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void MaySubmit_FirstTimeAfterTheDueDate_OnlyWhenLateWorkIsAllowed(bool allowLate, bool expected)
    {
        Assert.Equal(expected, SubmissionRules.MaySubmit(Activity(ResubmissionPolicies.Never, Now.AddMinutes(-1), allowLate), null, Now));
    }

    [Fact]
    public void MaySubmit_AtTheDueInstant_IsNotLate()
    {
        Assert.True(SubmissionRules.MaySubmit(Activity(ResubmissionPolicies.UntilDue, Now, allowLate: false), Submitted(), Now));
    }

    [Fact]
    public void Status_NamesTheNewestSubmissionsState()
    {
        Assert.Equal("missing", SubmissionRules.Status(null));
        Assert.Equal("submitted", SubmissionRules.Status(Submitted()));
        Assert.Equal("late", SubmissionRules.Status(Submitted(late: true)));
        Assert.Equal("graded", SubmissionRules.Status(Submitted(SubmissionStates.Graded, late: true)));
    }

    [Fact]
    public void QuizScore_AddsThePointsOfCorrectAnswersOnly()
    {
        var questions = new[]
        {
            new QuizQuestion("a", "?", ["x", "y"], 1, 2),
            new QuizQuestion("b", "?", ["x", "y", "z"], 2, 3),
            new QuizQuestion("c", "?", ["x", "y"], 0, 5),
        };

        Assert.Equal(10m, SubmissionRules.QuizScore(questions, new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 0 }));
        Assert.Equal(3m, SubmissionRules.QuizScore(questions, new Dictionary<string, int> { ["a"] = 0, ["b"] = 2, ["c"] = 1 }));
        Assert.Equal(0m, SubmissionRules.QuizScore(questions, new Dictionary<string, int>()));
    }
}
