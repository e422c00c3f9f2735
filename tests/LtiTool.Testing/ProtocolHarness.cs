using System.Text.Json;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Lti.Platforms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LtiTool.Testing;

/// <summary>
/// The protocol pieces wired together with in-memory stores, a pinned clock and a platform JWKS served by a
/// stub handler: everything but HTTP into the tool. Tests log in, build a valid Canvas-shaped token with
/// <see cref="NewToken"/>, break one thing, and validate.
/// </summary>
public sealed class ProtocolHarness
{
    public const string Issuer = "https://canvas.example.edu";
    public const string ClientId = "10000000000002";
    public const string DeploymentId = "7:0123456789abcdef0123456789abcdef01234567";
    public static readonly Uri ToolOrigin = new("https://tool.example.com");
    public static readonly Uri LaunchUri = new("https://tool.example.com/lti/launch");
    public static readonly Uri JwksUri = new("https://canvas.example.edu/api/lti/security/jwks");

    public ProtocolHarness()
    {
        Time = TestClock.Create();
        PlatformKey = PlatformSigningKey.FromPem(TestKeys.PlatformPem, "2018-06-18T22:33:20Z");
        PublishedKeys = [PlatformKey];
        Jwks = new StubHttpHandler(_ => JwksAvailable
            ? StubHttpHandler.Json(JsonSerializer.Serialize(new { keys = PublishedKeys.Select(k => k.PublicJwk).Concat(ExtraJwks) }), TimeSpan.FromMinutes(5))
            : new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
        Registration = new PlatformRegistration("plt_test", "Example University", Issuer, ClientId,
            new Uri("https://canvas.example.edu/api/lti/authorize_redirect"), JwksUri, new Uri("https://canvas.example.edu/login/oauth2/token"),
            [DeploymentId]);
        Platforms = new InMemoryPlatformStore(Registration);
        States = new InMemoryLaunchStateStore();
        Options = Microsoft.Extensions.Options.Options.Create(new LaunchValidationOptions());
        KeyResolver = new PlatformJwksCache(new StubHttpClientFactory(Jwks), Time,
            Microsoft.Extensions.Options.Options.Create(new PlatformJwksOptions()), NullLogger<PlatformJwksCache>.Instance);
        Login = new LoginInitiation(Platforms, States, new RandomTokenGenerator(), Time, Options);
        Validator = new LaunchValidator(States, Platforms, KeyResolver, Time, Options);
    }

    public FakeTimeProvider Time { get; }
    public PlatformSigningKey PlatformKey { get; set; }
    public List<PlatformSigningKey> PublishedKeys { get; }
    public List<Dictionary<string, string>> ExtraJwks { get; } = [];
    public bool JwksAvailable { get; set; } = true;
    public StubHttpHandler Jwks { get; }
    public PlatformRegistration Registration { get; }
    public InMemoryPlatformStore Platforms { get; }
    public InMemoryLaunchStateStore States { get; }
    public IOptions<LaunchValidationOptions> Options { get; }
    public PlatformJwksCache KeyResolver { get; }
    public LoginInitiation Login { get; }
    public LaunchValidator Validator { get; }

    /// <summary>A successful login; its state and binding secret.</summary>
    public async Task<LoginResult> LogInAsync()
    {
        var result = await Login.InitiateAsync(new LoginRequest(Issuer, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", LaunchUri.AbsoluteUri,
            "hint", ClientId, DeploymentId, "post_message_forwarding", "not_configured", "prod"), ToolOrigin, LaunchUri, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(result.Error!.Code);
        return result;
    }

    /// <summary>A valid Canvas-shaped teacher launch for the login's nonce.</summary>
    public LaunchTokenBuilder NewToken(LoginResult login) =>
        new LaunchTokenBuilder(PlatformKey, Issuer, ClientId, DeploymentId, Time.GetUtcNow(), login.State!.Nonce)
            .ForUser(DemoData.Instructor)
            .InCourse(DemoData.Course, "Example University", "https://canvas.example.edu/courses/3")
            .ResourceLink("8aa641d1-b4d4-4fea-8a9b-e9fedfb62b1e", "Example Assignment", LaunchUri.AbsoluteUri, null)
            .WithServices("https://canvas.example.edu/api/lti/courses/3/line_items", null, "https://canvas.example.edu/api/lti/courses/3/names_and_roles");

    /// <summary>Validates a token posted with the login's state and (by default) its binding cookie.</summary>
    public ValueTask<LaunchValidationResult> ValidateAsync(LoginResult login, string token, bool withCookie = true) =>
        Validator.ValidateAsync(new LaunchRequest(token, login.State!.State, withCookie ? login.BindingSecret : null), CancellationToken.None);

    /// <summary>Log in, build, let the test break one thing, validate.</summary>
    public async Task<LaunchValidationResult> LaunchAsync(Action<LaunchTokenBuilder>? breakIt = null)
    {
        var login = await LogInAsync();
        var builder = NewToken(login);
        breakIt?.Invoke(builder);
        return await ValidateAsync(login, builder.Build());
    }
}
