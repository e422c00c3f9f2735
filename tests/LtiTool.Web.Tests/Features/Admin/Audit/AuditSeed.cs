using LtiTool.DemoPlatform;
using LtiTool.Testing;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>Audit entries written straight into the database, and an administrator's session to read them with.</summary>
internal static class AuditSeed
{
    internal static AuditEntryEntity Entry(DateTime at, string action, string actorName, Guid? actorUserId = null, string? target = null,
        Guid? contextId = null, bool adminRights = false, string? platformId = "p1", string? roles = "Admin", string? before = null, string? after = null,
        string? correlationId = null) => new()
        {
            Id = Guid.NewGuid(), At = DateTime.SpecifyKind(at, DateTimeKind.Utc), Action = action, Target = target, ContextId = contextId, ActorUserId = actorUserId,
            ActorName = actorName, ActorPlatformId = platformId, ActorRoles = roles, AdminRights = adminRights, BeforeJson = before, AfterJson = after,
            CorrelationId = correlationId ?? "corr-" + action,
        };

    internal static async Task AddAsync(LtiToolApp app, params AuditEntryEntity[] entries)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        db.AuditLog.AddRange(entries);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A tool-wide administrator (the bootstrap sign-in), who sees every entry whatever its platform — the seeded
    /// entries name platforms that are not registered, or none. The sign-in's own entry is taken out again so the
    /// seeded entries are all the log holds (BootstrapTests check that the sign-in is audited).
    /// </summary>
    internal static async Task<HttpClient> ToolWideAdminAsync(LtiToolApp app)
    {
        var (browser, _) = await BootstrapTests.BootstrapAdminAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
        await db.AuditLog.Where(e => e.Action == "admin.bootstrap_sign_in").ExecuteDeleteAsync();
        return browser;
    }

    internal static async Task<HttpClient> TeacherAsync(LtiToolApp app)
    {
        var teacher = app.Driver();
        await app.LaunchAsync(LaunchKind.InstructorCourseNavigation, driver: teacher);
        return teacher.Client;
    }

    /// <summary>Reads RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add([.. record]);
                record.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(field.Length == 0 && record.Count == 0, "the last record must end in CRLF");
        return records;
    }

    internal static DateTime Day(int day, int hour = 0, int minute = 0, int second = 0) =>
        new(TestClock.Start.Year, TestClock.Start.Month, day, hour, minute, second, DateTimeKind.Utc);
}
