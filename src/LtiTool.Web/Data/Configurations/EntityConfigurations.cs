using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiTool.Web.Data.Configurations;

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<PlatformEntity>
{
    public void Configure(EntityTypeBuilder<PlatformEntity> b)
    {
        b.ToTable("platforms");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasMaxLength(64);
        b.Property(p => p.Issuer).HasMaxLength(512);
        b.Property(p => p.ClientId).HasMaxLength(256);
        b.Property(p => p.Source).HasMaxLength(32);
        b.Property(p => p.DeploymentPolicy).HasMaxLength(16).HasDefaultValue(DeploymentPolicies.Strict);
        b.Property(p => p.UnboundLaunchPolicy).HasMaxLength(32).HasDefaultValue(nameof(Lti.Platforms.UnboundLaunchPolicy.Refuse));
        b.Property(p => p.PlatformStorage).HasMaxLength(16).HasDefaultValue(nameof(Lti.Platforms.PlatformStorageMode.WhenOffered));
        b.HasIndex(p => new { p.Issuer, p.ClientId }).IsUnique();
        b.HasMany(p => p.Deployments).WithOne().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<DeploymentEntity>
{
    public void Configure(EntityTypeBuilder<DeploymentEntity> b)
    {
        b.ToTable("deployments");
        b.HasKey(d => d.Id);
        b.Property(d => d.PlatformId).HasMaxLength(64);
        b.Property(d => d.DeploymentId).HasMaxLength(256);
        b.Property(d => d.Status).HasMaxLength(16).HasDefaultValue(DeploymentStates.Approved);
        b.Property(d => d.Name).HasMaxLength(255);
        b.HasIndex(d => new { d.PlatformId, d.DeploymentId }).IsUnique();
    }
}

internal sealed class LaunchStateConfiguration : IEntityTypeConfiguration<LaunchStateEntity>
{
    public void Configure(EntityTypeBuilder<LaunchStateEntity> b)
    {
        b.ToTable("launch_states");
        b.HasKey(s => s.State);
        b.Property(s => s.State).HasMaxLength(128);
        b.Property(s => s.Nonce).HasMaxLength(128);
        b.Property(s => s.PlatformId).HasMaxLength(64);
        b.Property(s => s.BindingHash).HasMaxLength(64);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.Id);
        b.Property(u => u.PlatformId).HasMaxLength(64);
        b.Property(u => u.Subject).HasMaxLength(256);
        b.HasIndex(u => new { u.PlatformId, u.Subject }).IsUnique();
    }
}

internal sealed class ContextConfiguration : IEntityTypeConfiguration<ContextEntity>
{
    public void Configure(EntityTypeBuilder<ContextEntity> b)
    {
        b.ToTable("contexts");
        b.HasKey(c => c.Id);
        b.Property(c => c.PlatformId).HasMaxLength(64);
        b.Property(c => c.ContextKey).HasMaxLength(256);
        b.HasIndex(c => new { c.PlatformId, c.ContextKey }).IsUnique();
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<EnrolmentEntity>
{
    public void Configure(EntityTypeBuilder<EnrolmentEntity> b)
    {
        b.ToTable("enrolments");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.ContextId, e.UserId }).IsUnique();
        b.Property(e => e.Status).HasMaxLength(16).HasDefaultValue(EnrolmentStatus.Active);
        b.Property(e => e.Roles).HasMaxLength(8192);
        b.HasOne<ContextEntity>().WithMany().HasForeignKey(e => e.ContextId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LaunchRecordConfiguration : IEntityTypeConfiguration<LaunchRecordEntity>
{
    public void Configure(EntityTypeBuilder<LaunchRecordEntity> b)
    {
        b.ToTable("launch_records");
        b.HasKey(l => l.Id);
        b.Property(l => l.PlatformId).HasMaxLength(64);
        b.Property(l => l.Roles).HasMaxLength(8192);
        b.Property(l => l.CustomJson).HasMaxLength(65536);
        b.Property(l => l.PresentationJson).HasMaxLength(8192);
        b.Property(l => l.DeepLinkingSettingsJson).HasMaxLength(16384);
        b.Property(l => l.Transport).HasMaxLength(32);
        b.HasIndex(l => new { l.ContextId, l.CreatedAt });
        b.HasOne<ContextEntity>().WithMany().HasForeignKey(l => l.ContextId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LineItemConfiguration : IEntityTypeConfiguration<LineItemEntity>
{
    public void Configure(EntityTypeBuilder<LineItemEntity> b)
    {
        b.ToTable("line_items");
        b.HasKey(l => l.Id);
        b.Property(l => l.PlatformId).HasMaxLength(64);
        b.Property(l => l.ResourceLinkId).HasMaxLength(256);
        b.Property(l => l.Tag).HasMaxLength(256);
        b.Property(l => l.Scheme).HasMaxLength(64);
        b.Property(l => l.ScoreMaximum).HasPrecision(18, 4);
        // The registry's key: one column per (course, resource link, tag).
        b.HasIndex(l => new { l.ContextId, l.ResourceLinkId, l.Tag }).IsUnique();
        b.HasIndex(l => new { l.ContextId, l.Url }).IsUnique();
        b.HasOne<ContextEntity>().WithMany().HasForeignKey(l => l.ContextId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GradeConfiguration : IEntityTypeConfiguration<GradeEntity>
{
    public void Configure(EntityTypeBuilder<GradeEntity> b)
    {
        b.ToTable("grades");
        b.HasKey(g => g.Id);
        b.Property(g => g.ScoreGiven).HasPrecision(18, 4);
        b.Property(g => g.Comment).HasMaxLength(8192);
        b.HasIndex(g => new { g.LineItemId, g.UserId }).IsUnique();
        b.HasOne<LineItemEntity>().WithMany().HasForeignKey(g => g.LineItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScoreOutboxConfiguration : IEntityTypeConfiguration<ScoreOutboxEntity>
{
    public void Configure(EntityTypeBuilder<ScoreOutboxEntity> b)
    {
        b.ToTable("score_outbox");
        b.HasKey(s => s.Id);
        b.Property(s => s.PlatformId).HasMaxLength(64);
        b.Property(s => s.UserSubject).HasMaxLength(256);
        b.Property(s => s.ActivityProgress).HasMaxLength(32);
        b.Property(s => s.GradingProgress).HasMaxLength(32);
        b.Property(s => s.State).HasMaxLength(16);
        b.Property(s => s.ScoreGiven).HasPrecision(18, 4);
        b.Property(s => s.ScoreMaximum).HasPrecision(18, 4);
        b.Property(s => s.Comment).HasMaxLength(8192);
        b.Property(s => s.LastError).HasMaxLength(4096);
        // Idempotency: the same score (column, student, timestamp) is stored once.
        b.HasIndex(s => new { s.LineItemId, s.UserId, s.Timestamp }).IsUnique();
        b.HasIndex(s => new { s.State, s.NextAttemptAt });
        b.HasIndex(s => new { s.ContextId, s.CreatedAt });
        b.HasOne<LineItemEntity>().WithMany().HasForeignKey(s => s.LineItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<ActivityEntity>
{
    public void Configure(EntityTypeBuilder<ActivityEntity> b)
    {
        b.ToTable("activities");
        b.HasKey(a => a.Id);
        b.Property(a => a.Title).HasMaxLength(255);
        b.Property(a => a.InstructionsHtml).HasMaxLength(65536);
        b.Property(a => a.PointsPossible).HasPrecision(18, 4);
        b.Property(a => a.SubmissionKind).HasMaxLength(16);
        b.Property(a => a.Resubmission).HasMaxLength(16);
        b.Property(a => a.RubricJson).HasMaxLength(65536);
        b.Property(a => a.QuizJson).HasMaxLength(262144);
        b.HasIndex(a => new { a.ContextId, a.CreatedAt });
        b.HasOne<ContextEntity>().WithMany().HasForeignKey(a => a.ContextId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<SubmissionEntity>
{
    public void Configure(EntityTypeBuilder<SubmissionEntity> b)
    {
        b.ToTable("submissions");
        b.HasKey(s => s.Id);
        b.Property(s => s.TextAnswer).HasMaxLength(262144);
        b.Property(s => s.QuizAnswersJson).HasMaxLength(65536);
        b.Property(s => s.RubricScoresJson).HasMaxLength(65536);
        b.Property(s => s.Comment).HasMaxLength(8192);
        b.Property(s => s.State).HasMaxLength(16);
        b.Property(s => s.Score).HasPrecision(18, 4);
        b.HasIndex(s => new { s.ActivityId, s.UserId, s.Attempt }).IsUnique();
        b.HasOne<ActivityEntity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LaunchRecordEntity>().WithMany().HasForeignKey(s => s.LaunchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LineItemEntity>().WithMany().HasForeignKey(s => s.LineItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ToolKeyConfiguration : IEntityTypeConfiguration<ToolKeyEntity>
{
    public void Configure(EntityTypeBuilder<ToolKeyEntity> b)
    {
        b.ToTable("tool_keys");
        b.HasKey(k => k.Kid);
        b.Property(k => k.Kid).HasMaxLength(128);
        b.Property(k => k.State).HasMaxLength(16);
        b.Property(k => k.Algorithm).HasMaxLength(16);
        b.Property(k => k.ProtectedPrivateKey).HasMaxLength(16384);
        b.HasIndex(k => k.State);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> b)
    {
        b.ToTable("audit_log");
        b.HasKey(a => a.Id);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Target).HasMaxLength(512);
        b.Property(a => a.ActorName).HasMaxLength(255);
        b.Property(a => a.ActorPlatformId).HasMaxLength(64);
        b.Property(a => a.BeforeJson).HasMaxLength(65536);
        b.Property(a => a.AfterJson).HasMaxLength(65536);
        b.Property(a => a.CorrelationId).HasMaxLength(128);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.ActorUserId, a.At });
    }
}
