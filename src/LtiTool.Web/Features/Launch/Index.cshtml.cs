using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Launch;
using LtiTool.Web.Features.Session;
using LtiTool.Web.Features.Shared;
using LtiTool.Web.Data;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiTool.Web.Features.Launch;

/// <summary>The launch (redirect_uri): the LtiLaunch scheme validates, then this page records and renders.</summary>
[IgnoreAntiforgeryToken]
public sealed class LaunchModel(IMediator mediator, SessionTokenIssuer sessions, LtiToolDbContext db) : PageModel
{
    private static readonly LtiError NotPosted = new("launch_not_posted", 405, "Launches are posted by the platform",
        "This address receives the platform's form post at the end of an LTI launch. Start the tool from the LMS instead.");

    public LtiErrorView? Error { get; private set; }
    public RecordLaunch.Result? Launch { get; private set; }
    public string? SessionToken { get; private set; }
    public IReadOnlyList<RecentLaunch> RecentLaunches { get; private set; } = [];
    public Assignments.ReadStudentActivity.View? Activity { get; private set; }
    public DeepLinking.PickerView? Picker { get; private set; }
    /// <summary>Set when the binding secret is in platform storage: the page reads it back and re-posts the launch.</summary>
    public LtiPlatformStorageStep? StorageStep { get; private set; }

    public sealed record RecentLaunch(Guid Id, DateTime At, string? UserName, string? ContextTitle, string Roles, string Transport);

    public IActionResult OnGet() => Fail(NotPosted);

    // No handler parameters: binding even a CancellationToken builds the form value providers, ~3% of a launch.
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        await HttpContext.AuthenticateAsync(LtiLaunchDefaults.AuthenticationScheme);
        if (HttpContext.Features.Get<LtiPlatformStorageStep>() is { } step)
        {
            // The id_token sits in this page's form until the script re-posts it: never cached, never sent as a
            // referrer to another site. Not "no-referrer": with it the browser posts "Origin: null", which the launch
            // must refuse (the step counts only when posted from the tool's own origin).
            Response.Headers.CacheControl = "no-store";
            Response.Headers["Referrer-Policy"] = "same-origin";
            StorageStep = step;
            return Page();
        }
        var result = HttpContext.Features.Get<LtiLaunchFeature>()?.Result;
        if (result is null) return Fail(LtiErrors.TokenMissing);
        if (result is { PendingDeploymentId: { } pending, Registration: { } platform })
            return Fail(await mediator.Send(new Admin.Platforms.RecordPendingDeployment.Command(platform.Id, pending), cancellationToken));
        if (!result.Succeeded) return Fail(result.Error!);

        Response.Headers.CacheControl = "no-store";
        Launch = await mediator.Send(new RecordLaunch.Command(result, BindingTransports.Name(result.Transport)), cancellationToken);
        SessionToken = sessions.Issue(Launch.LaunchId, Launch.UserId, Launch.ContextId);
        SessionAuthentication.AppendCookie(Response, SessionToken, sessions.Lifetime);
        // No cookie came back at this launch, so the session cookie will not either: the page's links carry the token.
        if (result.Transport != BindingTransport.Cookie) SessionAuthentication.CarryInLinks(HttpContext, SessionToken);
        // Content selection (Canvas assignment_selection, link_selection, editor_button): the activity picker.
        if (result.Message!.MessageType == Lti.Claims.LtiMessageTypes.DeepLinkingRequest && Launch.ContextId is { } pickerContext
            && Launch.Permissions.Contains(Permissions.ManageAssignments))
        {
            Picker = await DeepLinking.PickerView.LoadAsync(db, pickerContext, result.Message.DeepLinkingSettings!, cancellationToken);
        }
        // An assignment link of this tool names its activity in a custom parameter.
        if (result.Message!.Custom.TryGetValue(Assignments.ReadStudentActivity.ActivityParameter, out var activityParameter))
        {
            Activity = Guid.TryParse(activityParameter, out var activityId)
                ? await mediator.Send(new Assignments.ReadStudentActivity.Query(Launch.LaunchId, activityId), cancellationToken)
                : null;
            if (Activity is null) return Fail(Assignments.SubmitWork.ActivityNotInCourse);
        }
        // Support staff land on the launches they may inspect: their own platform's (see Admin.Access.AdminScope).
        if (Launch.Permissions.Contains(Permissions.ViewAuditLog))
        {
            var platformId = result.Registration!.Id;
            RecentLaunches = await (
                from l in db.LaunchRecords.AsNoTracking()
                where l.PlatformId == platformId
                join u in db.Users on l.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                join c in db.Contexts on l.ContextId equals c.Id into contexts
                from c in contexts.DefaultIfEmpty()
                orderby l.CreatedAt descending, l.Id descending
                select new RecentLaunch(l.Id, l.CreatedAt, u.Name, c.Title, l.InternalRoles, l.Transport)).Take(20).ToListAsync(cancellationToken);
        }
        return Page();
    }

    private PageResult Fail(LtiError error)
    {
        Error = new LtiErrorView(error, HttpContext.TraceIdentifier);
        Response.StatusCode = error.StatusCode;
        return Page();
    }
}
