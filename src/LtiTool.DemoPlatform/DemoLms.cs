using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Login;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LtiTool.DemoPlatform;

/// <summary>
/// The demo LMS: a small LTI 1.3 platform with its own keys, JWKS, authorization endpoint and launch
/// scenarios. The README's demo and the integration tests both drive this one implementation.
/// </summary>
public sealed class DemoLms(IOptions<DemoPlatformOptions> options, TimeProvider time, IRandomTokenGenerator random)
{
    /// <summary>How long the <c>data</c> of a deep linking request waits for the tool's response.</summary>
    public static readonly TimeSpan DeepLinkingDataLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, PendingLaunch> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _deepLinkingData = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, DemoAssignment> _assignments = new();
    private int _assignmentCounter;
    private int _resourceLinkCounter;
    private readonly Lock _keysLock = new();
    private List<PlatformSigningKey>? _keys;
    private int _jwksRequests;
    private int _keyCounter;

    /// <summary>The settings.</summary>
    public DemoPlatformOptions Options => options.Value;

    /// <summary>Whether the JWKS endpoint answers (tests switch it off to simulate an outage).</summary>
    public bool JwksAvailable { get; set; } = true;

    /// <summary>Whether the NRPS endpoint answers (tests switch it off to simulate an outage).</summary>
    public bool NrpsAvailable { get; set; } = true;

    /// <summary>
    /// Whether the AGS endpoints (line items, scores, results) answer; when false each answers 503 with
    /// Retry-After: 1, as a gradebook in maintenance would (tests switch it off to simulate an outage).
    /// </summary>
    public bool AgsAvailable { get; set; } = true;

    /// <summary>
    /// When set, the registration endpoint answers every registration with this status and body (after checking
    /// the token), as Canvas does with 422 <c>{"errors": …}</c> (tests switch it on).
    /// </summary>
    public (int Status, string Body)? RegistrationRefusal { get; set; }

    /// <summary>When set, changes the OpenID configuration the demo serves just before it is sent (tests break it with this).</summary>
    public Action<System.Text.Json.Nodes.JsonObject>? EditOpenIdConfiguration { get; set; }

    /// <summary>How many times the JWKS endpoint was asked.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>The key that signs launches now.</summary>
    public PlatformSigningKey CurrentKey
    {
        get { lock (_keysLock) return (_keys ??= [NewKey()])[^1]; }
    }

    /// <summary>Replaces all keys with one (tests use fixed keys).</summary>
    public void UseKey(PlatformSigningKey key)
    {
        lock (_keysLock) _keys = [key];
    }

    /// <summary>Publishes a new key and signs with it from now on; older keys stay published.</summary>
    public PlatformSigningKey RotateKey(PlatformSigningKey? next = null)
    {
        lock (_keysLock)
        {
            _keys ??= [NewKey()];
            var key = next ?? NewKey();
            _keys.Add(key);
            return key;
        }
    }

    /// <summary>Stops publishing every key but the current one.</summary>
    public void RetireOldKeys()
    {
        lock (_keysLock) if (_keys is { Count: > 1 }) _keys.RemoveRange(0, _keys.Count - 1);
    }

    /// <summary>The JWKS document.</summary>
    public string JwksJson()
    {
        Interlocked.Increment(ref _jwksRequests);
        lock (_keysLock)
        {
            _keys ??= [NewKey()];
            return JsonSerializer.Serialize(new { keys = _keys.Select(k => k.PublicJwk).ToArray() });
        }
    }

    /// <summary>The assignments created through deep linking, oldest first.</summary>
    public IReadOnlyList<DemoAssignment> Assignments => _assignments.Values.OrderBy(a => a.Id).ToArray();

    /// <summary>The assignment with this id, if the demo created it.</summary>
    public DemoAssignment? FindAssignment(int id) => _assignments.GetValueOrDefault(id);

    /// <summary>A new resource link id, UUID-shaped as Canvas's are.</summary>
    internal string NextResourceLinkId() =>
        $"d11c0de0-0000-4000-8000-{Interlocked.Increment(ref _resourceLinkCounter).ToString("x12", CultureInfo.InvariantCulture)}";

    /// <summary>Records an assignment created from a returned resource link.</summary>
    internal DemoAssignment AddAssignment(string title, string? url, string? text, IReadOnlyDictionary<string, string> custom, string resourceLinkId, int? lineItem)
    {
        var assignment = new DemoAssignment(Interlocked.Increment(ref _assignmentCounter), title, url, text, custom, resourceLinkId, lineItem);
        _assignments[assignment.Id] = assignment;
        return assignment;
    }

    /// <summary>
    /// Takes back the <c>data</c> a deep linking request carried: true once for a value this demo sent that has not
    /// expired, so a response is accepted once per request.
    /// </summary>
    internal bool TryConsumeDeepLinkingData(string data) =>
        _deepLinkingData.TryRemove(data, out var expiresAt) && expiresAt > time.GetUtcNow();

    private string IssueDeepLinkingData()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _deepLinkingData.Where(d => d.Value <= now)) _deepLinkingData.TryRemove(expired.Key, out _);
        var data = random.Next();
        _deepLinkingData[data] = now + DeepLinkingDataLifetime;
        return data;
    }

    /// <summary>Prepares a launch and returns the login initiation form the browser posts to the tool.</summary>
    /// <param name="scenario">What to launch.</param>
    /// <param name="toolBase">The tool's base URL (its login and launch endpoints hang off it).</param>
    public LoginInitiationForm PrepareLaunch(LaunchScenario scenario, Uri toolBase)
    {
        var assignment = AssignmentOf(scenario);
        var hint = random.Next();
        var now = time.GetUtcNow();
        foreach (var expired in _pending.Where(p => p.Value.ExpiresAt <= now)) _pending.TryRemove(expired.Key, out _);
        _pending[hint] = new PendingLaunch(scenario, toolBase, now + Options.MessageHintLifetime);
        var fields = new Dictionary<string, string>
        {
            ["iss"] = Options.Issuer,
            ["login_hint"] = scenario.User.LoginHint,
            // Canvas starts a link's launch at the URL the tool gave it.
            ["target_link_uri"] = assignment?.Url ?? new Uri(toolBase, LtiLaunchDefaults.LaunchPath).AbsoluteUri,
            ["lti_message_hint"] = hint,
            ["client_id"] = Options.ClientId,
            ["lti_deployment_id"] = Options.DeploymentId,
            ["canvas_environment"] = "prod",
            ["canvas_region"] = "not_configured",
        };
        if (Options.PlatformStorage) fields["lti_storage_target"] = DemoPlatformStorage.FrameName;
        return new LoginInitiationForm(new Uri(toolBase, LtiLaunchDefaults.LoginPath), fields);
    }

    /// <summary>
    /// The authorization endpoint (Security Framework 1.0 §5.1.1.2–3), checked the way Canvas checks it:
    /// required parameters, scope "openid", the client, the exact redirect_uri, and the login hint.
    /// </summary>
    public AuthenticationResponse? Authorize(IQueryCollection query, Uri platformBase)
    {
        string? Q(string name) => query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
        var state = Q("state") ?? "";
        var redirect = Q("redirect_uri");
        if (redirect is null || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri)) return null;

        AuthenticationResponse Error(string code, string description) =>
            new(redirectUri, new Dictionary<string, string> { ["error"] = code, ["error_description"] = description, ["state"] = state });

        string[] required = ["client_id", "login_hint", "lti_message_hint", "nonce", "prompt", "redirect_uri", "response_mode", "response_type", "scope"];
        if (required.FirstOrDefault(p => string.IsNullOrEmpty(Q(p))) is { } missing)
            return Error("invalid_request_object", $"The {missing} parameter is missing");
        if (Q("scope") != "openid" || Q("response_type") != "id_token" || Q("response_mode") != "form_post")
            return Error("invalid_request_object", "scope, response_type or response_mode is not supported");
        if (!_pending.TryRemove(Q("lti_message_hint")!, out var pending) || pending.ExpiresAt <= time.GetUtcNow())
            return Error("launch_no_longer_valid", "The launch has either expired or already been consumed");
        if (Q("client_id") != Options.ClientId) return Error("unauthorized_client", "Client not authorized in requested context");
        if (redirectUri.AbsoluteUri != new Uri(pending.ToolBase, LtiLaunchDefaults.LaunchPath).AbsoluteUri)
            return null; // Canvas answers "Invalid redirect_uri" without posting anywhere
        if (Q("login_hint") != pending.Scenario.User.LoginHint) return Error("login_required", "Must have an active user session");

        var token = BuildToken(pending, Q("nonce")!, platformBase);
        var fields = new Dictionary<string, string> { ["id_token"] = token, ["state"] = state };
        if (Options.PlatformStorage) fields["lti_storage_target"] = DemoPlatformStorage.FrameName;
        return new AuthenticationResponse(redirectUri, fields);
    }

    private string BuildToken(PendingLaunch pending, string nonce, Uri platformBase)
    {
        var scenario = pending.Scenario;
        var course = DemoData.Course;
        var target = new Uri(pending.ToolBase, LtiLaunchDefaults.LaunchPath).AbsoluteUri;
        var courseUrl = new Uri(platformBase, $"courses/{course.Label}").AbsoluteUri;
        var builder = new LaunchTokenBuilder(CurrentKey, Options.Issuer, Options.ClientId, Options.DeploymentId, time.GetUtcNow(), nonce)
            .ForUser(scenario.User)
            .InCourse(course, Options.Name, courseUrl);
        var lineItems = new Uri(platformBase, $"api/lti/courses/{course.Label}/line_items").AbsoluteUri;
        var memberships = new Uri(platformBase, $"api/lti/courses/{course.Label}/names_and_roles").AbsoluteUri;
        switch (scenario.Kind)
        {
            case LaunchKind.StudentAssignment or LaunchKind.TestStudentAssignment or LaunchKind.InstructorCourseNavigation when AssignmentOf(scenario) is { } assignment:
                AssignmentLaunch(builder, assignment, target, lineItems, memberships);
                break;
            case LaunchKind.StudentAssignment or LaunchKind.TestStudentAssignment:
                builder.ResourceLink(course.AssignmentResourceLinkId, course.AssignmentTitle, target, placement: null)
                    .WithServices(lineItems, lineItems + "/1", memberships);
                break;
            case LaunchKind.AdministratorAccountNavigation:
                // Canvas: account contexts carry the bare class name as type; the custom parameter bound to
                // $Canvas.membership.roles names the admin's account roles.
                builder.Set(Lti.Claims.LtiClaimTypes.Context, new System.Text.Json.Nodes.JsonObject
                {
                    ["id"] = DemoData.Account.Id, ["title"] = DemoData.Account.Title, ["type"] = new System.Text.Json.Nodes.JsonArray("Account"),
                });
                builder.ResourceLink(DemoData.Account.Id, DemoData.Account.Title, target, placement: "account_navigation");
                builder.Claims[Lti.Claims.LtiClaimTypes.Custom] = new System.Text.Json.Nodes.JsonObject { ["canvas_membership_roles"] = DemoData.AdministratorCanvasRoles };
                break;
            case LaunchKind.InstructorDeepLinking:
                // Canvas's course_assignments_menu takes several resource links and makes those with a line item
                // assignments; the demo also says so (accept_lineitem) and sends data to get back.
                builder.DeepLinking(new Uri(platformBase, $"courses/{course.Label}/deep_linking_response").AbsoluteUri, target, "course_assignments_menu",
                        acceptLineItem: true, data: IssueDeepLinkingData())
                    .WithServices(lineItems, null, memberships);
                break;
            default:
                // Canvas: for navigation placements resource_link.id is the context id.
                builder.ResourceLink(course.ContextId, course.Title, target, placement: "course_navigation")
                    .WithServices(lineItems, null, memberships);
                break;
        }
        scenario.Customize?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// A launch of a deep-linked assignment as Canvas sends it: the link's id and title, its URL as target, its
    /// custom parameters, and the AGS claim naming its column.
    /// </summary>
    private static void AssignmentLaunch(LaunchTokenBuilder builder, DemoAssignment assignment, string defaultTarget, string lineItems, string memberships)
    {
        builder.ResourceLink(assignment.ResourceLinkId, assignment.Title, assignment.Url ?? defaultTarget, placement: null)
            .WithServices(lineItems, assignment.LineItem is { } column ? $"{lineItems}/{column}" : null, memberships);
        if (assignment.Text is not null) builder.Claims[Lti.Claims.LtiClaimTypes.ResourceLink]!["description"] = assignment.Text;
        builder.Claims[Lti.Claims.LtiClaimTypes.Custom] = new System.Text.Json.Nodes.JsonObject(
            assignment.Custom.Select(p => KeyValuePair.Create(p.Key, (System.Text.Json.Nodes.JsonNode?)p.Value)));
    }

    private DemoAssignment? AssignmentOf(LaunchScenario scenario)
    {
        if (scenario.AssignmentId is not { } id) return null;
        // Students and Student View submit; the teacher opens the same link to review it.
        if (scenario.Kind is not (LaunchKind.StudentAssignment or LaunchKind.TestStudentAssignment or LaunchKind.InstructorCourseNavigation))
            throw new ArgumentException($"Only students and the teacher launch into an assignment, not {scenario.Kind}.", nameof(scenario));
        return FindAssignment(id) ?? throw new ArgumentException($"The demo has no assignment {id}.", nameof(scenario));
    }

    // Canvas-style kids are timestamps; the counter keeps two keys made in one second apart.
    private PlatformSigningKey NewKey() => PlatformSigningKey.Generate(
        time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _keyCounter).ToString(CultureInfo.InvariantCulture));

    private sealed record PendingLaunch(LaunchScenario Scenario, Uri ToolBase, DateTimeOffset ExpiresAt);
}
