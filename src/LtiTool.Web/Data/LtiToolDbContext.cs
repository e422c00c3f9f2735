using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Data;

/// <summary>
/// The tool's database. Provider-neutral: each provider has its own subclass only so that it can keep its own
/// migrations (<see cref="SqliteLtiToolDbContext"/>, <see cref="PostgresLtiToolDbContext"/>).
/// </summary>
public abstract class LtiToolDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PlatformEntity> Platforms => Set<PlatformEntity>();
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();
    public DbSet<LaunchStateEntity> LaunchStates => Set<LaunchStateEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<ContextEntity> Contexts => Set<ContextEntity>();
    public DbSet<EnrolmentEntity> Enrolments => Set<EnrolmentEntity>();
    public DbSet<LaunchRecordEntity> LaunchRecords => Set<LaunchRecordEntity>();
    public DbSet<LineItemEntity> LineItems => Set<LineItemEntity>();
    public DbSet<GradeEntity> Grades => Set<GradeEntity>();
    public DbSet<ScoreOutboxEntity> ScoreOutbox => Set<ScoreOutboxEntity>();
    public DbSet<ActivityEntity> Activities => Set<ActivityEntity>();
    public DbSet<SubmissionEntity> Submissions => Set<SubmissionEntity>();
    public DbSet<ToolKeyEntity> ToolKeys => Set<ToolKeyEntity>();
    public DbSet<AuditEntryEntity> AuditLog => Set<AuditEntryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LtiToolDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite loses DateTime.Kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(2048);
    }
}

public sealed class SqliteLtiToolDbContext(DbContextOptions<SqliteLtiToolDbContext> options) : LtiToolDbContext(options);

public sealed class PostgresLtiToolDbContext(DbContextOptions<PostgresLtiToolDbContext> options) : LtiToolDbContext(options);

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
