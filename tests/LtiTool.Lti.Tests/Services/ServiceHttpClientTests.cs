using System.Net;
using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;
using LtiTool.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Lti.Tests.Services;

/// <summary>The real service HttpClient registration, with the network swapped for a scripted platform.</summary>
public sealed class ServiceHttpClientTests
{
    private static HttpClient Client(Queue<Func<HttpResponseMessage>> answers, out StubHttpHandler handler)
    {
        var stub = handler = new StubHttpHandler(_ => answers.Count > 0 ? answers.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new ToolKeyRing(new ToolKeySet([ToolKey.FromPem(TestKeys.ToolPem, default)])));
        services.AddLtiServices(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:RetryBaseDelay"] = "00:00:00.001",
        }).Build());
        services.AddHttpClient(LtiHttpClients.Services).ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(LtiHttpClients.Services);
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string body = "") => new(status) { Content = new StringContent(body) };

    [Fact]
    public async Task CanvasThrottle403_IsRetried()
    {
        var client = Client(new Queue<Func<HttpResponseMessage>>([() => Status(HttpStatusCode.Forbidden, "403 Forbidden (Rate Limit Exceeded)")]), out var handler);
        var response = await client.GetAsync(new Uri("https://canvas.example.edu/api/lti/courses/3/names_and_roles"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task TransientStatus_IsRetried(HttpStatusCode status)
    {
        var client = Client(new Queue<Func<HttpResponseMessage>>([() => Status(status), () => Status(status)]), out var handler);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("https://canvas.example.edu/x"))).StatusCode);
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task Plain403_IsNotRetriedAndItsBodyStaysReadable()
    {
        var client = Client(new Queue<Func<HttpResponseMessage>>([() => Status(HttpStatusCode.Forbidden, "{\"errors\":{\"type\":\"forbidden\"}}")]), out var handler);
        var response = await client.GetAsync(new Uri("https://canvas.example.edu/x"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("forbidden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task RetriesEndAfterTheConfiguredCount()
    {
        var client = Client(new Queue<Func<HttpResponseMessage>>(Enumerable.Repeat<Func<HttpResponseMessage>>(() => Status(HttpStatusCode.ServiceUnavailable), 10)), out var handler);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("https://canvas.example.edu/x"))).StatusCode);
        Assert.Equal(5, handler.Requests); // the first try and 4 retries
    }
}
