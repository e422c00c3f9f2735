using BenchmarkDotNet.Attributes;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Login;
using LtiTool.Testing;

namespace LtiTool.Benchmarks;

/// <summary>
/// The launch checks with a warm JWKS cache: one Canvas-shaped RS256 teacher launch validated over and over.
/// The state store hands back the same state each time, so this measures the validator, not storage.
/// </summary>
[MemoryDiagnoser]
public class LaunchValidatorBenchmarks
{
    private ProtocolHarness _harness = null!;
    private LaunchValidator _validator = null!;
    private LaunchRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _harness = new ProtocolHarness();
        var login = _harness.LogInAsync().GetAwaiter().GetResult();
        var token = _harness.NewToken(login).Build();
        _validator = new LaunchValidator(new ReusableState(login.State!), _harness.Platforms, _harness.KeyResolver, _harness.Time, _harness.Options);
        _request = new LaunchRequest(token, login.State!.State, login.BindingSecret);
        var warm = _validator.ValidateAsync(_request, default).AsTask().GetAwaiter().GetResult();
        if (!warm.Succeeded) throw new InvalidOperationException(warm.Error!.Code);
    }

    [Benchmark]
    public async Task<bool> ValidateLaunch() => (await _validator.ValidateAsync(_request, default)).Succeeded;

    [Benchmark]
    public async Task<string?> ValidateAndReadClaims()
    {
        var result = await _validator.ValidateAsync(_request, default);
        var m = result.Message!;
        return m.Context!.Title + m.ResourceLink!.Id + m.Roles.Count + m.Ags!.LineItems + m.Nrps!.ContextMembershipsUrl + m.Name + m.Email;
    }

    private sealed class ReusableState(LaunchState state) : ILaunchStateStore
    {
        private readonly StateConsumption _consumed = new(StateConsumeStatus.Consumed, state);
        public ValueTask SaveAsync(LaunchState s, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask<StateConsumption> ConsumeAsync(string s, DateTimeOffset now, CancellationToken cancellationToken) => new(_consumed);
        public ValueTask<LaunchState?> PeekAsync(string s, DateTimeOffset now, CancellationToken cancellationToken) => new(state);
    }
}
