using LtiTool.Web.Data;
using LtiTool.Web.Features.Admin;
using LtiTool.Web.Features.Assignments;
using LtiTool.Web.Features.DeepLinking;
using LtiTool.Web.Features.Grades;
using LtiTool.Web.Features.Launch;
using LtiTool.Web.Features.Roles;
using LtiTool.Web.Features.Roster;
using LtiTool.Web.Features.Session;
using LtiTool.Web.Features.WellKnown;
using LtiTool.Web.Infrastructure;
using Mediator;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddData(builder.Configuration, builder.Environment);
builder.Services.AddLti(builder.Configuration, builder.Environment);
builder.Services.AddRoles(builder.Configuration);
builder.Services.AddRoster(builder.Configuration);
builder.Services.AddGrades(builder.Configuration);
builder.Services.AddAssignments();
builder.Services.AddAdmin(builder.Configuration);
builder.Services.AddMediator((MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);

var app = builder.Build();
if (await AdminCommandLine.TryRunAsync(app, args) is { } exitCode) return exitCode;

app.UseInfrastructure();
app.MapWellKnown();
app.MapLaunch();
app.MapSession();
app.MapRoster();
app.MapGrades();
app.MapAssignments();
app.MapDeepLinking();
app.MapAdmin();
app.MapRoles();
app.MapDemoPlatformWhenEnabled();
app.MapRazorPages();

await app.RunAsync();
return 0;
