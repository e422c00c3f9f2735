using LtiTool.DemoPlatform;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Nrps;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Roster;

/// <summary>The NRPS client against the demo platform: real tokens, real paging.</summary>
public sealed class NrpsClientTests : IDisposable
{
    private static readonly Uri Memberships = new("https://localhost/demo/api/lti/courses/DEMO101/names_and_roles");
    private readonly LtiToolApp _app = new(new Dictionary<string, string?> { ["Lti:Services:RetryBaseDelay"] = "00:00:00.010" });

    public void Dispose() => _app.Dispose();

    private async Task<List<MembershipPage>> ReadAllAsync(MembershipQuery query)
    {
        _ = _app.Server;
        var registration = (await _app.Services.GetRequiredService<IPlatformStore>().FindByIssuerAsync(_app.Platform.Options.Issuer, default)).Single();
        var pages = new List<MembershipPage>();
        await foreach (var page in _app.Services.GetRequiredService<NrpsClient>().ReadAsync(registration, Memberships, query, default)) pages.Add(page);
        return pages;
    }

    [Fact]
    public async Task Read_FollowsEveryNextLinkWithOneToken()
    {
        var pages = await ReadAllAsync(new MembershipQuery());

        Assert.Equal([50, 50, 50, 50, 4], pages.Select(p => p.Members.Count));
        var members = pages.SelectMany(p => p.Members).ToList();
        Assert.Equal(204, members.Select(m => m.UserId).Distinct().Count());
        Assert.Equal(DemoData.Course.ContextId, pages[0].Context!.Id);
        var sam = members.Single(m => m.UserId == DemoData.Student.Subject);
        Assert.Equal("Sam Student", sam.Name);
        Assert.Equal(DemoData.Student.Email, sam.Email);
        Assert.Equal("Active", sam.Status);
        Assert.Equal(1, _app.Services.GetRequiredService<DemoTokenEndpoint>().Issued);
    }

    [Fact]
    public async Task Read_RoleFilterAndLimit_ArePassedOn()
    {
        var pages = await ReadAllAsync(new MembershipQuery(Role: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor", Limit: 10));
        var member = Assert.Single(Assert.Single(pages).Members);
        Assert.Equal(DemoData.Instructor.Subject, member.UserId);

        var learners = await ReadAllAsync(new MembershipQuery(Role: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", Limit: 25));
        Assert.Equal(202, learners.Sum(p => p.Members.Count));
        Assert.Equal(9, learners.Count);
    }

    [Fact]
    public async Task Read_ServiceDown_FailsLoudlyInsteadOfTruncating()
    {
        _app.Platform.NrpsAvailable = false;
        var e = await Assert.ThrowsAsync<LtiServiceException>(() => ReadAllAsync(new MembershipQuery()));
        Assert.Equal("service_call_failed", e.Error.Code);
    }
}
