using System.Text.Json;
using LtiTool.Lti.Claims;
using LtiTool.Lti.DeepLinking;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Assignments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.DeepLinking;

/// <summary>
/// The answer to a deep linking request: the chosen activities as LTI resource links (title, the tool's launch
/// URL, custom activity_id, and a lineItem so Canvas creates the gradebook column), signed by the tool and
/// checked against the request's accept rules — or a signed "cancelled" answer with errormsg.
/// </summary>
public static class BuildDeepLinkingResponse
{
    public sealed record Command(Guid LaunchId, IReadOnlyList<Guid> ActivityIds, bool Cancel, Uri ToolLaunchUrl) : ICommand<Result>;

    /// <summary>The answer to post to the platform; <paramref name="Refused"/> when it is an errormsg answer because the choice broke the platform's rules.</summary>
    public sealed record Result(LtiError? Error, DeepLinkingResponse? Response = null, LtiError? Refused = null);

    /// <summary>The tag the tool gives the gradebook columns of its activities.</summary>
    public const string ActivityTag = "ltitool-activity";

    public static readonly LtiError NotADeepLinkingLaunch = new("not_deep_linking_launch", 409, "Not a content selection",
        "This session did not start from a deep linking request (for example Canvas's assignment selection), so there is nothing to answer. Start again from the LMS.");

    public static readonly LtiError NothingChosen = new("deep_linking_nothing_chosen", 400, "Nothing chosen",
        "Choose at least one activity, or cancel.");

    public sealed class Handler(LtiToolDbContext db, IPlatformStore platforms, DeepLinkingResponseBuilder builder) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var launch = await db.LaunchRecords.AsNoTracking().FirstAsync(l => l.Id == command.LaunchId, cancellationToken);
            if (launch.MessageType != LtiMessageTypes.DeepLinkingRequest || launch.DeepLinkingSettingsJson is null) return new Result(NotADeepLinkingLaunch);
            using var document = JsonDocument.Parse(launch.DeepLinkingSettingsJson);
            if (LaunchMessage.ParseDeepLinkingSettings(document.RootElement) is not { } settings) return new Result(NotADeepLinkingLaunch);
            var registration = await platforms.FindByIdAsync(launch.PlatformId, cancellationToken);
            if (registration is null) return new Result(LtiErrors.UnknownPlatform);

            if (command.Cancel)
                return new Result(null, builder.BuildError(registration, launch.DeploymentId, settings, "No activity was added: the selection was cancelled."));
            if (command.ActivityIds.Count == 0) return new Result(NothingChosen);

            var ids = command.ActivityIds.Distinct().ToList();
            var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id) && a.ContextId == launch.ContextId).ToListAsync(cancellationToken);
            if (activities.Count != ids.Count) return new Result(SubmitWork.ActivityNotInCourse);
            var items = ids.Select(id => activities.Single(a => a.Id == id)).Select(a => (ContentItem)new LtiResourceLinkItem(
                a.Title,
                command.ToolLaunchUrl.AbsoluteUri,
                Text: $"{a.PointsPossible:0.##} points · {a.SubmissionKind}",
                Custom: new Dictionary<string, string> { [ReadStudentActivity.ActivityParameter] = a.Id.ToString() },
                LineItem: settings.AcceptLineItem == false ? null : new DeepLinkLineItem(a.PointsPossible, a.Title, a.Id.ToString(), ActivityTag),
                Submission: a.DueAt is { } due ? new DeepLinkTimeSpan(null, new DateTimeOffset(due, TimeSpan.Zero)) : null)).ToList();
            var result = builder.Build(registration, launch.DeploymentId, settings, items,
                message: items.Count == 1 ? $"Added \"{activities[0].Title}\"." : $"Added {items.Count} activities.");
            if (result.Succeeded) return new Result(null, result.Response);
            // The choice breaks the platform's rules for this placement (accept_types, accept_multiple,
            // accept_lineitem): nothing is signed for it; the platform is told why with errormsg.
            var refusal = result.Error!;
            return new Result(null, builder.BuildError(registration, launch.DeploymentId, settings,
                "The tool could not add this here: " + refusal.Title + ".", refusal.Code + ": " + refusal.Description), refusal);
        }
    }
}
