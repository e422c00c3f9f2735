using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LtiTool.Web.Infrastructure;

/// <summary>Every error answer: a JSON problem for APIs, a small page otherwise; a correlation id, never a stack trace.</summary>
public static partial class ErrorResponses
{
    public static Task WriteProblemAsync(HttpContext http, int status, string title, string detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null) problem.Extensions["code"] = code;
        problem.Extensions["correlationId"] = http.TraceIdentifier;
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>
    /// A catalogued error as a minimal-API problem answer: its status, title and description, the code and the
    /// request's correlation id, plus any named extras (field errors, problems) — the one shape every API uses.
    /// </summary>
    public static IResult Problem(HttpContext http, Lti.Launch.LtiError error, string? extraName = null, object? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code, ["correlationId"] = http.TraceIdentifier };
        if (extraName is not null && extra is not null) extensions[extraName] = extra;
        return Results.Problem(statusCode: error.StatusCode, title: error.Title, detail: error.Description, extensions: extensions);
    }

    /// <summary>The exception handler: a client's mistake (malformed body, too large) keeps its 4xx.</summary>
    public static async Task HandleExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read."),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Bad request", "The request body is malformed."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Request aborted", "The client went away."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong", "The tool failed to answer this request. Quote the correlation id to support."),
        };
        if (status >= 500)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LtiTool.Errors");
            LogUnhandled(logger, http.TraceIdentifier, exception);
        }
        if (WantsJson(http.Request)) await WriteProblemAsync(http, status, title, detail);
        else await WritePageAsync(http, status, title, detail, code: null);
    }

    public static Task WritePageAsync(HttpContext http, int status, string title, string detail, string? code)
    {
        var e = HtmlEncoder.Default;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var codeLine = code is null ? "" : $"<p>Error code: <code>{e.Encode(code)}</code></p>";
        return http.Response.WriteAsync($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e.Encode(title)}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="error"><h1>{e.Encode(title)}</h1><p>{e.Encode(detail)}</p>{codeLine}
            <p class="correlation">Correlation id: <code>{e.Encode(http.TraceIdentifier)}</code></p></main></body></html>
            """);
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Unhandled error, correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, string correlationId, Exception? exception);
}
