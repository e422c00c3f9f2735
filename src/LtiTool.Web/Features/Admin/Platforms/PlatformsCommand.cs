using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// <c>platforms list|add|add-canvas|enable|disable|remove|binding</c> for scripted installs, with the same checks and
/// audit entries as the admin pages (actor "cli").
/// </summary>
public sealed class PlatformsCommand : IAdminCommand
{
    public string Name => "platforms";

    public string Usage =>
        "platforms list | add --issuer URL --client-id ID --auth URL --jwks URL [--token URL] [--name N] [--deployment ID]... [--policy Strict|AutoRegister]"
        + " | add-canvas --client-id ID [--env production|beta|test] [--deployment ID]... | enable ID | disable ID | remove ID"
        + " | binding ID [--unbound-launches Refuse|AcceptServerState] [--platform-storage WhenOffered|Probe|Off]";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LtiToolDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        var store = services.GetRequiredService<EfPlatformStore>();
        var time = services.GetRequiredService<TimeProvider>();
        switch (args.Count == 0 ? "" : args[0])
        {
            case "list":
                foreach (var p in await db.Platforms.AsNoTracking().Include(p => p.Deployments).OrderBy(p => p.Name).ToListAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{p.Id}\t{p.Name}\t{p.Issuer}\t{p.ClientId}\t{(p.Enabled ? "enabled" : "disabled")}\t{p.Source}\t{p.DeploymentPolicy}\t{p.UnboundLaunchPolicy}/{p.PlatformStorage}\t"
                        + string.Join(",", p.Deployments.Select(d => d.Status == DeploymentStates.Approved ? d.DeploymentId : $"{d.DeploymentId}({d.Status})")));
                }
                return 0;
            case "add" or "add-canvas":
                var request = args[0] == "add"
                    ? new PlatformsAdminApi.PlatformRequest(Option(args, "--name"), Option(args, "--issuer"), Option(args, "--client-id"), Option(args, "--auth"),
                        Option(args, "--jwks"), Option(args, "--token"), Options(args, "--deployment"), Option(args, "--policy"))
                    : PlatformsAdminApi.CanvasRequestFor(new PlatformsAdminApi.CanvasRequest(Option(args, "--client-id"), Option(args, "--env") ?? "production",
                        Option(args, "--name"), Options(args, "--deployment"), Option(args, "--policy")));
                if (request is null)
                {
                    await output.WriteLineAsync("--env takes production, beta or test.");
                    return 2;
                }
                var errors = await PlatformsAdminApi.ValidateAsync(request, db, null, cancellationToken);
                if (errors.Count > 0)
                {
                    foreach (var error in errors) await output.WriteLineAsync($"{error.Field}: {error.Message}");
                    return 1;
                }
                var entity = PlatformsAdminApi.NewEntity(request, time);
                db.Platforms.Add(entity);
                await audit.AddAsync("platform.add", entity.Id, after: new { entity.Name, entity.Issuer, entity.ClientId }, adminRights: true, cancellationToken: cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                store.Invalidate();
                await output.WriteLineAsync($"added {entity.Id} ({entity.Name}, {entity.Issuer}, client {entity.ClientId})");
                return 0;
            case "enable" or "disable" or "remove" when args.Count == 2:
                var platform = await db.Platforms.Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == args[1], cancellationToken);
                if (platform is null)
                {
                    await output.WriteLineAsync($"No platform {args[1]}.");
                    return 1;
                }
                if (platform.Source == PlatformSources.Configuration || (args[0] == "remove" && platform.Source != PlatformSources.Database))
                {
                    await output.WriteLineAsync($"{platform.Id} comes from {platform.Source}; change it there.");
                    return 1;
                }
                if (args[0] == "remove")
                {
                    if (await db.LaunchRecords.AnyAsync(l => l.PlatformId == platform.Id, cancellationToken))
                    {
                        await output.WriteLineAsync($"{platform.Id} has launches; disable it instead.");
                        return 1;
                    }
                    db.Platforms.Remove(platform);
                }
                else
                {
                    platform.Enabled = args[0] == "enable";
                    platform.UpdatedAt = time.GetUtcNow().UtcDateTime;
                }
                await audit.AddAsync($"platform.{(args[0] == "remove" ? "delete" : args[0])}", platform.Id, adminRights: true, cancellationToken: cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                store.Invalidate();
                await output.WriteLineAsync(args[0] switch { "remove" => "removed ", "enable" => "enabled ", _ => "disabled " } + platform.Id);
                return 0;
            case "binding" when args.Count >= 2:
                var change = new PlatformsAdminApi.BrowserBindingRequest(Option(args, "--unbound-launches"), Option(args, "--platform-storage"));
                if (PlatformsAdminApi.ValidateBrowserBinding(change) is { Count: > 0 } invalid)
                {
                    foreach (var error in invalid) await output.WriteLineAsync($"{error.Field}: {error.Message}");
                    return 1;
                }
                var target = await db.Platforms.FirstOrDefaultAsync(p => p.Id == args[1], cancellationToken);
                if (target is null || target.Source == PlatformSources.Configuration)
                {
                    await output.WriteLineAsync(target is null ? $"No platform {args[1]}." : $"{target.Id} comes from configuration; set Lti:Platforms there.");
                    return 1;
                }
                await PlatformsAdminApi.ApplyBrowserBindingAsync(target, change, audit, time, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                store.Invalidate();
                await output.WriteLineAsync($"{target.Id}: unbound launches {target.UnboundLaunchPolicy}, platform storage {target.PlatformStorage}");
                return 0;
            default:
                await output.WriteLineAsync("usage: " + Usage);
                return 2;
        }
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++) if (args[i] == name) return args[i + 1];
        return null;
    }

    private static List<string> Options(IReadOnlyList<string> args, string name)
    {
        var values = new List<string>();
        for (var i = 0; i < args.Count - 1; i++) if (args[i] == name) values.Add(args[i + 1]);
        return values;
    }
}
