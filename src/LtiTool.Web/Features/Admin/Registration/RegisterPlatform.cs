using LtiTool.Lti.Launch;
using LtiTool.Lti.Registration;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Registration;

/// <summary>
/// Dynamic Registration, confirmed: reads the platform's configuration again (the confirmation form carries
/// only the platform's two parameters, never endpoints), posts the tool's registration, and stores the client id
/// and deployment the platform returns as a platform registration — updating the one with the same issuer and
/// client id if it exists. Nothing is stored unless the platform accepted.
/// </summary>
public static class RegisterPlatform
{
    public const string AuditAction = "platform.register";
    public const string AuditActor = "dynamic-registration";

    public sealed record Command(string OpenIdConfiguration, string RegistrationToken, ToolProfile Tool) : ICommand<Result>;

    public sealed record Result(LtiError? Error, PlatformAnswer? Answer = null, Registered? Platform = null);

    public sealed record Registered(string Id, string Name, string Issuer, string ClientId, string? DeploymentId, bool Updated);

    public sealed class Handler(DynamicRegistrationClient client, LtiToolDbContext db, AuditLog audit, EfPlatformStore platforms, TimeProvider time,
        ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var fetched = await client.FetchConfigurationAsync(command.OpenIdConfiguration, command.RegistrationToken, cancellationToken);
            if (fetched.Configuration is not { } platform)
            {
                Log.RegistrationFailed(logger, fetched.Error!.Code, fetched.Answer?.StatusCode);
                return new Result(fetched.Error, fetched.Answer);
            }
            var plan = RegistrationPlan.Create(command.Tool, platform);
            var registered = await client.RegisterAsync(platform, command.RegistrationToken, plan.ToRequest(), cancellationToken);
            if (registered.Registration is not { } accepted)
            {
                Log.RegistrationFailed(logger, registered.Error!.Code, registered.Answer?.StatusCode);
                return new Result(registered.Error, registered.Answer);
            }

            var (row, before) = await UpsertAsync(plan, accepted, cancellationToken);
            audit.Actor = AuditActor;
            await audit.AddAsync(AuditAction, row.Id, before, new
            {
                platform = Snapshot(row),
                product = platform.ProductFamilyCode,
                registrationEndpoint = platform.RegistrationEndpoint.AbsoluteUri,
                scopes = plan.Scopes,
                placements = plan.Messages.Select(m => m.PlatformPlacement ?? m.Type),
            }, adminRights: true, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            platforms.Invalidate();
            Log.Registered(logger, row.Id, row.Issuer, row.ClientId, accepted.DeploymentId, before is not null);
            return new Result(null, null, new Registered(row.Id, row.Name, row.Issuer, row.ClientId, accepted.DeploymentId, before is not null));
        }

        private async Task<(PlatformEntity Row, object? Before)> UpsertAsync(RegistrationPlan plan, ToolRegistrationResponse accepted, CancellationToken cancellationToken)
        {
            var platform = plan.Platform;
            var now = time.GetUtcNow().UtcDateTime;
            var row = await db.Platforms.Include(p => p.Deployments)
                .FirstOrDefaultAsync(p => p.Issuer == platform.Issuer && p.ClientId == accepted.ClientId, cancellationToken);
            var before = row is null ? null : Snapshot(row);
            if (row is null)
            {
                row = new PlatformEntity
                {
                    Id = "plt_" + Guid.NewGuid().ToString("N")[..16],
                    Name = "", Issuer = platform.Issuer, ClientId = accepted.ClientId, AuthorizationEndpoint = "", JwksUri = "",
                    Source = PlatformSources.Database, CreatedAt = now,
                    // Older Canvas makes the deployment only when an administrator installs the tool, so the first
                    // launch brings it: with this policy it waits for approval instead of being refused outright.
                    DeploymentPolicy = accepted.DeploymentId is null ? DeploymentPolicies.AutoRegister : DeploymentPolicies.Strict,
                };
                db.Platforms.Add(row);
            }
            row.Name = plan.PlatformName;
            row.AuthorizationEndpoint = platform.AuthorizationEndpoint.AbsoluteUri;
            row.JwksUri = platform.JwksUri.AbsoluteUri;
            row.TokenEndpoint = platform.TokenEndpoint.AbsoluteUri;
            row.UpdatedAt = now;
            // The platform made this deployment for the tool when it accepted, so it is approved already.
            if (accepted.DeploymentId is { } deployment && row.Deployments.All(d => d.DeploymentId != deployment))
                row.Deployments.Add(new DeploymentEntity { PlatformId = row.Id, DeploymentId = deployment, CreatedAt = now, DecidedAt = now });
            return (row, before);
        }

        private static object Snapshot(PlatformEntity p) => new
        {
            p.Name, p.Issuer, p.ClientId, p.AuthorizationEndpoint, p.JwksUri, p.TokenEndpoint, p.Enabled, p.Source, p.DeploymentPolicy,
            deployments = p.Deployments.Select(d => d.DeploymentId).ToArray(),
        };
    }
}
