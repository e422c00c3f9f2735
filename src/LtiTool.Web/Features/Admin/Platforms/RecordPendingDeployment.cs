using LtiTool.Lti.Launch;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Platforms;

/// <summary>
/// A valid launch from a deployment the tool does not know yet, on a platform whose policy auto-registers
/// deployments: the deployment is put in the approval queue (once) and the audit log says so. A deployment an
/// administrator refused stays refused.
/// </summary>
public static class RecordPendingDeployment
{
    public sealed record Command(string PlatformId, string DeploymentId) : ICommand<LtiError>;

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, AuditLog audit) : ICommandHandler<Command, LtiError>
    {
        public async ValueTask<LtiError> Handle(Command command, CancellationToken cancellationToken)
        {
            var existing = await db.Deployments.FirstOrDefaultAsync(d => d.PlatformId == command.PlatformId && d.DeploymentId == command.DeploymentId, cancellationToken);
            if (existing is { Status: DeploymentStates.Rejected }) return LtiErrors.DeploymentUnknown;
            if (existing is not null) return LtiErrors.DeploymentPendingApproval;
            db.Deployments.Add(new DeploymentEntity
            {
                PlatformId = command.PlatformId, DeploymentId = command.DeploymentId, Status = DeploymentStates.Pending, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            audit.Actor = "launch";
            await audit.AddAsync("deployment.seen", $"{command.PlatformId}/{command.DeploymentId}", after: new { status = DeploymentStates.Pending }, cancellationToken: cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A parallel first launch from the same deployment queued it already.
            }
            return LtiErrors.DeploymentPendingApproval;
        }
    }
}
